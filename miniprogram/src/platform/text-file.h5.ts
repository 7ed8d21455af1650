import type * as Contract from './text-file';

export const pickTextFile: typeof Contract.pickTextFile = (extensions, maxBytes) =>
  new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = extensions.map((x) => `.${x}`).join(',');
    input.setAttribute('data-picker', 'text-file');
    input.style.display = 'none';
    let done = false;
    const finish = (file: File | null) => {
      if (done) return;
      done = true;
      window.removeEventListener('focus', onFocus);
      input.remove();
      if (!file) return resolve(null);
      if (file.size > maxBytes) return reject(new Error(`文件超过 ${Math.round(maxBytes / 1024)} KB，无法读取`));
      file.text().then(
        (text) => resolve({ name: file.name, text }),
        () => reject(new Error('无法读取该文件，请重新选择')),
      );
    };
    // a return of the focus with nothing chosen is a cancel (browsers without the `cancel` event)
    const onFocus = () => setTimeout(() => finish(input.files?.[0] ?? null), 1500);
    input.addEventListener('change', () => finish(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => finish(null));
    document.body.appendChild(input);
    input.click();
    setTimeout(() => window.addEventListener('focus', onFocus), 0);
  });

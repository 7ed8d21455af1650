import type * as Contract from './download';

export const openExportedFile: typeof Contract.openExportedFile = async (exported) => {
  if (!exported.base64) throw new Error('文件较大，请在微信中打开');
  const bin = atob(exported.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: exported.file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = exported.file.name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

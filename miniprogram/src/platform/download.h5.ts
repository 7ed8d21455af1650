import type * as Contract from './download';

const save = (blob: Blob, name: string) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

export const openExportedFile: typeof Contract.openExportedFile = async (exported) => {
  if (exported.base64) {
    const bin = atob(exported.base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return save(new Blob([bytes], { type: exported.file.mime }), exported.file.name);
  }
  if (!exported.url) throw new Error('文件链接生成失败，请稍后重试');
  const res = await fetch(exported.url);
  if (!res.ok) throw new Error('文件下载失败（链接可能已过期），请重新导出');
  save(await res.blob(), exported.file.name);
};

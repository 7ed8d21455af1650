/** The MIME type of a file name's extension (what the server's attachment schema expects). */
export const mimeOfName = (name: string): string => {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  return (
    (
      {
        pdf: 'application/pdf',
        jpg: 'image/jpeg',
        jpeg: 'image/jpeg',
        png: 'image/png',
        doc: 'application/msword',
        docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        xls: 'application/vnd.ms-excel',
        xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      } as Record<string, string>
    )[ext] ?? 'application/octet-stream'
  );
};

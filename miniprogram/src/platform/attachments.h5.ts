import { mimeOfName } from '../lib/mime';
import { applicationsClient } from '../services/applications';
import type * as Contract from './attachments';
import { newRequestId } from './request-id';

export const pickAndAttach: typeof Contract.pickAndAttach = async (applicationId, materialId) => {
  const file = await new Promise<File | null>((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx';
    input.setAttribute('data-material', materialId);
    input.style.display = 'none';
    input.onchange = () => resolve(input.files?.[0] ?? null);
    document.body.appendChild(input);
    input.click();
    setTimeout(() => input.remove(), 60_000);
  });
  if (!file) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return applicationsClient.uploadAttachment({
    applicationId,
    materialId,
    name: file.name,
    mime: file.type || mimeOfName(file.name),
    base64: btoa(binary),
    requestId: await newRequestId(),
  });
};

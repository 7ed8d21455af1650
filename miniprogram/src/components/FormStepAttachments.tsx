import type { AttachmentView } from '@shared/api/applications';
import type { Material } from '@shared/programmes/schema';
import { Button, Text, View } from '@tarojs/components';
import { formatSize, mimeLabel } from '../lib/format';

/**
 * 申报材料: each material the programme lists for the kind (its label and clause), what is uploaded
 * for it (name, size, type), and whether a required one is still missing.
 */
export function FormStepAttachments({
  materials,
  attachments,
  onUpload,
  onRemove,
  busy = null,
  readOnly = false,
}: {
  materials: readonly Material[];
  attachments: readonly AttachmentView[];
  onUpload?: (materialId: string) => void;
  onRemove?: (fileId: string) => void;
  busy?: string | null;
  readOnly?: boolean;
}) {
  return (
    <View className="form-step" id="step-attachments">
      {materials.map((m) => {
        const mine = attachments.filter((a) => a.materialId === m.id);
        return (
          <View key={m.id} className="form-field" id={`material-${m.id}`} data-material={m.id}>
            <Text className="field-label">
              {m.label}
              {m.required ? <Text className="required"> *</Text> : null}
            </Text>
            <Text className="muted field-help">
              {m.clause}
              {m.note ? `：${m.note}` : ''}
            </Text>
            {mine.map((a) => (
              <View key={a.file.fileId} className="row attachment" data-file={a.file.name}>
                <Text className="value">
                  {a.file.name}（{formatSize(a.file.size)}，{mimeLabel(a.file.mime)}）
                </Text>
                {!readOnly && onRemove ? (
                  <Text className="link-danger" onClick={() => onRemove(a.file.fileId)}>
                    删除
                  </Text>
                ) : null}
              </View>
            ))}
            {mine.length === 0 ? (
              <Text className={m.required ? 'warn' : 'muted'}>{m.required ? '尚未上传（必需）' : '尚未上传（选填）'}</Text>
            ) : null}
            {!readOnly && onUpload ? (
              <Button
                className={`btn-plain btn-small${busy === m.id ? ' is-disabled' : ''}`}
                id={`upload-${m.id}`}
                onClick={() => onUpload(m.id)}
              >
                {busy === m.id ? '正在上传…' : '上传文件'}
              </Button>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}

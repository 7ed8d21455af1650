import type { AttachmentView } from '@shared/api/applications';
import type { Material } from '@shared/programmes/schema';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatSize, mimeLabel } from '../lib/format';
import { fileUrl } from '../services/applications';
import { FileLink } from './FileLink';
import { FieldComment } from './form/FieldComment';

/**
 * 申报材料: each material the programme lists for the kind (its label and clause), what is uploaded
 * for it (name, size, type — each opens through FileLink), and whether a required one is still
 * missing. 删除 is a full-size button and asks first (issue 15, finding 15).
 */
export function FormStepAttachments({
  materials,
  attachments,
  onUpload,
  onRemove,
  onOpen = fileUrl,
  busy = null,
  readOnly = false,
  comments = {},
}: {
  materials: readonly Material[];
  attachments: readonly AttachmentView[];
  onUpload?: (materialId: string) => void;
  onRemove?: (fileId: string) => void;
  /** a short-lived URL of a material (default: applications.fileUrl) */
  onOpen?: (fileId: string) => Promise<{ url: string; expiresAt: number }>;
  busy?: string | null;
  readOnly?: boolean;
  /** reviewer comments on materials (returned for revision), by `material:<materialId>` */
  comments?: Readonly<Record<string, string>>;
}) {
  const confirmRemove = async (a: AttachmentView) => {
    const res = await Taro.showModal({
      title: '删除材料',
      content: `确定删除「${a.file.name}」？删除后需重新上传。`,
      confirmText: '删除',
      confirmColor: '#b91c1c',
      cancelText: '取消',
    });
    if (res.confirm) onRemove?.(a.file.fileId);
  };
  return (
    <View className="form-step" id="step-attachments">
      {materials.map((m) => {
        const mine = attachments.filter((a) => a.materialId === m.id);
        const commentKey = `material:${m.id}`;
        const comment = comments[commentKey];
        return (
          <View key={m.id} className={`form-field${comment ? ' has-comment' : ''}`} id={`material-${m.id}`} data-material={m.id}>
            <Text className="field-label">
              {m.label}
              {m.required ? <Text className="required"> *</Text> : null}
            </Text>
            <Text className="muted field-help">
              {m.clause}
              {m.note ? `：${m.note}` : ''}
            </Text>
            {comment ? <FieldComment name={m.label} text={comment} commentKey={commentKey} /> : null}
            {mine.map((a) => (
              <View key={a.file.fileId} className="attachment" data-file={a.file.name}>
                <FileLink name={a.file.name} fileId={a.file.fileId} open={onOpen} />
                <View className="row">
                  <Text className="muted">
                    {formatSize(a.file.size)}，{mimeLabel(a.file.mime)}
                  </Text>
                  {!readOnly && onRemove ? (
                    <Button
                      className={`btn-danger btn-mini${busy === 'remove' ? ' is-disabled' : ''}`}
                      size="mini"
                      data-remove={a.file.name}
                      onClick={() => void confirmRemove(a)}
                    >
                      删除
                    </Button>
                  ) : null}
                </View>
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

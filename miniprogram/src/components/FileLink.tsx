import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { showFile } from '../platform/file-viewer';
import { errorText } from '../services/errors';
import './FileLink.css';

/** A URL still good for this long is reused on the next tap instead of asking again. */
const REUSE_MARGIN_MS = 30_000;

/**
 * One stored file as a tappable row (≥ 44 px): tap → ask the server for a short-lived URL (`open`,
 * e.g. services/applications `fileUrl` for materials, services/stations `fileUrl` for photos) → show it
 * (platform/file-viewer: photos in the image viewer, PDFs and Office files in the document viewer /
 * a new tab). What went wrong is shown under the row in Chinese.
 */
export function FileLink(props: {
  name: string;
  fileId: string;
  open: (fileId: string) => Promise<{ url: string; expiresAt: number }>;
  className?: string;
}): JSX.Element {
  const { name, fileId, open, className } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const cached = useRef<{ url: string; expiresAt: number } | null>(null);

  const tap = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      let link = cached.current;
      if (!link || link.expiresAt - Date.now() < REUSE_MARGIN_MS) {
        link = await open(fileId);
        cached.current = link;
      }
      await showFile(link.url, name);
    } catch (e) {
      cached.current = null;
      setError(errorText(e, { offline: '网络不可用，无法打开文件，请联网后重试', fields: 'first' }) || '文件打开失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={className ? `file-link-wrap ${className}` : 'file-link-wrap'}>
      <View className={`file-link${busy ? ' is-busy' : ''}`} data-file-id={fileId} data-file-link={name} onClick={() => void tap()}>
        <Text className="file-link-name">{name}</Text>
        <Text className="file-link-action">{busy ? '正在打开…' : '查看'}</Text>
      </View>
      {error ? <Text className="file-link-error">{error}</Text> : null}
    </View>
  );
}

import type { PersonView, SocietyView, StationView, UnitView } from '@shared/api/org';
import type { OrgEntity } from '@shared/rules/org';
import { hostUnitKindLabels, societyLevelLabels, stationLevelLabels } from '@shared/schemas/org';
import { Input, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../services/errors';
import { orgClient } from '../../services/org';
import './pickers.css';

/** What a picker hands back: the record's id (kept by the page, never shown) and what the person reads. */
export interface Picked {
  id: string;
  name: string;
  /** a second line that tells two records of one name apart (unit, society, title) */
  detail: string;
}

export interface EntityPickerProps {
  kind: OrgEntity;
  /** what is chosen, e.g. 服务站 */
  label: string;
  value: Picked | null;
  onChange: (value: Picked | null) => void;
  /** only the records of this CAST unit */
  castUnitId?: string;
  /** keep only some of the records the server lists (e.g. societies of one level) */
  filter?: (item: UnitView) => boolean;
  placeholder?: string;
  /** the element id of the field (tests and labels) */
  id?: string;
  /** the field's error (from useAction's field errors) */
  error?: string;
  /** include deactivated records (shown as 已停用) */
  includeInactive?: boolean;
}

/** The second line of a row: never an id — the unit, society, host unit or title a person recognises. */
export function detailOf(kind: OrgEntity, item: UnitView): string {
  switch (kind) {
    case 'castUnit':
      return '';
    case 'society': {
      const s = item as SocietyView;
      return [societyLevelLabels[s.level], s.castUnitName].filter(Boolean).join(' · ');
    }
    case 'hostUnit': {
      const h = item as UnitView & { kind: keyof typeof hostUnitKindLabels; castUnitName: string };
      return [hostUnitKindLabels[h.kind], h.castUnitName].filter(Boolean).join(' · ');
    }
    case 'station': {
      const s = item as StationView;
      return [stationLevelLabels[s.level], s.societyName, s.hostUnitName].filter(Boolean).join(' · ');
    }
    case 'person': {
      const p = item as PersonView;
      return [p.title, p.mobile].filter(Boolean).join(' · ');
    }
  }
}

const PAGE = 30;

/**
 * A field that opens a searchable sheet of the organisation's records (org.listUnits): type part of the
 * name, or its pinyin initials ("ny" finds 农业学会; computed on the server). Rows show names only, each at
 * least 44 px tall. Used wherever staff choose a unit, station or person: no internal id is ever typed.
 */
export function EntityPicker(props: EntityPickerProps) {
  const { kind, label, value, onChange, castUnitId, filter, includeInactive } = props;
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [items, setItems] = useState<UnitView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const seq = useRef(0);

  const load = async (query: string, offset: number) => {
    const mine = ++seq.current;
    setBusy(true);
    setErr(null);
    try {
      const page = await orgClient.listUnits({
        kind,
        ...(query.trim() ? { q: query.trim() } : {}),
        ...(castUnitId ? { castUnitId } : {}),
        includeInactive: includeInactive ?? false,
        offset,
        limit: PAGE,
      });
      if (mine !== seq.current) return; // a later search answered first
      setItems((prev) => (offset === 0 ? page.items : [...prev, ...page.items]));
      setNext(page.nextOffset);
    } catch (e) {
      if (mine === seq.current) setErr(errorText(e));
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  };

  // search as one types, a moment after the last key (not a call per keystroke); a new kind or unit reloads
  // biome-ignore lint/correctness/useExhaustiveDependencies: load only sets state; kind and castUnitId are read inside it
  useEffect(() => {
    if (!open) return;
    const t = setTimeout(() => void load(q, 0), q ? 250 : 0);
    return () => clearTimeout(t);
  }, [open, q, kind, castUnitId]);

  const shown = filter ? items.filter(filter) : items;
  const choose = (item: UnitView) => {
    onChange({ id: item.id, name: item.name, detail: detailOf(kind, item) });
    setOpen(false);
  };
  const fieldId = props.id ?? `pick-${kind}`;

  return (
    <View className="entity-picker">
      <View
        className={`input tap entity-picker-field${props.error ? ' input-error' : ''}`}
        id={fieldId}
        data-picker={kind}
        onClick={() => {
          setQ('');
          setOpen(true);
        }}
      >
        <Text className="entity-picker-label">{label}：</Text>
        {value ? (
          <Text className="entity-picker-value">{value.name}</Text>
        ) : (
          <Text className="muted">{props.placeholder ?? `请选择${label}`}</Text>
        )}
      </View>
      {props.error ? <Text className="error">{props.error}</Text> : null}
      {open && <View className="picker-mask" onClick={() => setOpen(false)} />}
      {open && (
        <View className="picker-sheet" id={`${fieldId}-sheet`}>
          <View className="row">
            <Text className="subtitle">选择{label}</Text>
            <View className="tap picker-close" onClick={() => setOpen(false)}>
              <Text>关闭</Text>
            </View>
          </View>
          <Input
            className="input"
            id={`${fieldId}-search`}
            focus
            value={q}
            placeholder="输入名称或拼音首字母，如 ny"
            onInput={(e) => setQ(e.detail.value)}
          />
          {err ? <Text className="error">{err}</Text> : null}
          {value && (
            <View
              className="picker-row tap"
              onClick={() => {
                onChange(null);
                setOpen(false);
              }}
            >
              <Text className="muted">清除选择</Text>
            </View>
          )}
          {shown.map((item) => {
            const detail = detailOf(kind, item);
            const inactive = 'active' in item && !item.active;
            return (
              <View
                key={item.id}
                className={`picker-row tap${value?.id === item.id ? ' on' : ''}`}
                data-pick-name={item.name}
                onClick={() => choose(item)}
              >
                <Text className="picker-row-name">
                  {item.name}
                  {inactive ? '（已停用）' : ''}
                </Text>
                {detail ? <Text className="muted picker-row-detail">{detail}</Text> : null}
              </View>
            );
          })}
          {!busy && shown.length === 0 && !err ? (
            <Text className="muted picker-empty">{q.trim() ? `没有与“${q.trim()}”相符的${label}` : `暂无${label}`}</Text>
          ) : null}
          {busy ? <Text className="muted picker-empty">加载中…</Text> : null}
          {!busy && next !== null ? (
            <View className="picker-row tap" onClick={() => void load(q, next)}>
              <Text className="picker-more">加载更多</Text>
            </View>
          ) : null}
        </View>
      )}
    </View>
  );
}

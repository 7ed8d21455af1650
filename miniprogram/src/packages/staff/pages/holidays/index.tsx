import type { HolidayYearView } from '@shared/api/holidays';
import type { HolidaySchedule } from '@shared/calendar/holidays';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { DateField } from '../../../../components/form/DateField';
import { NoticeText } from '../../../../components/NoticeText';
import { PermissionDenied } from '../../../../components/PermissionDenied';
import { useAction } from '../../../../hooks/useAction';
import { newRequestId } from '../../../../platform/request-id';
import { ApiError, errorText } from '../../../../services/errors';
import { orgClient } from '../../../../services/org';
import { Field, FieldSummary, TextField } from '../org/Field';
import '../org/org.css';

interface HolidayForm {
  year: number;
  /** `key`: a stable row key for the list (never sent) */
  holidays: { key: string; name: string; from: string; to: string }[];
  workdays: { key: string; date: string }[];
}

let rows = 0;
const rowKey = () => `r${++rows}`;

const fieldOfPath = (path: string) => path.replace(/^schedule\./, '');
const sourceLabel = (v: HolidayYearView) => (v.source === 'stored' ? '已录入' : v.source === 'library' ? '日历库' : '尚未录入');
const formOf = (year: number, s: HolidaySchedule | null): HolidayForm => ({
  year,
  holidays: s
    ? s.holidays.map((h) => ({ ...h, key: rowKey() }))
    : [{ key: rowKey(), name: '元旦', from: `${year}-01-01`, to: `${year}-01-01` }],
  workdays: s ? s.workdays.map((date) => ({ key: rowKey(), date })) : [],
});

/**
 * 节假日 (issue 13 item 7): the State Council's holiday arrangement of each year, as the working-day
 * counts read it (publicity windows, working days left). The calendar library knows the years through
 * 2026; a later year is entered here (city staff) once the notice is published — a stored year replaces
 * the library's for that year. Until then that year counts weekends only, and the page says so.
 */
export default function Holidays() {
  const [years, setYears] = useState<HolidayYearView[] | null>(null);
  const [form, setForm] = useState<HolidayForm | null>(null);
  const [denied, setDenied] = useState<string | null>(null);
  const drafts = useRef(new Map<number, HolidayForm>());
  const list = useAction();
  const save = useAction();

  const load = async () => {
    try {
      const thisYear = new Date().getFullYear();
      setYears(await orgClient.listHolidays({ fromYear: thisYear - 1, toYear: thisYear + 2 }));
      list.clearError();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'AUTH.FORBIDDEN') setDenied(errorText(e));
      else list.say('err', errorText(e));
    }
  };
  useDidShow(() => void load());

  const open = (v: HolidayYearView) => {
    save.clear();
    setForm(drafts.current.get(v.year) ?? formOf(v.year, v.schedule));
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  };
  const change = (next: HolidayForm) => {
    drafts.current.set(next.year, next);
    setForm(next);
  };
  const back = () => {
    setForm(null);
    save.clear();
  };

  const submit = async () => {
    if (!form) return;
    const local: Record<string, string> = {};
    form.holidays.forEach((h, i) => {
      if (!h.name.trim()) local[`holidays.${i}.name`] = '请填写节日名称';
      if (!h.from) local[`holidays.${i}.from`] = '请选择开始日期';
      if (!h.to) local[`holidays.${i}.to`] = '请选择结束日期';
    });
    form.workdays.forEach((w, i) => {
      if (!w.date) local[`workdays.${i}`] = '请选择日期';
    });
    if (form.holidays.length === 0) local.holidays = '至少录入一个节假日';
    if (Object.keys(local).length) {
      save.setFieldErrors(local);
      return;
    }
    const done = await save.run(
      async () =>
        orgClient.saveHolidays({
          requestId: await newRequestId(),
          schedule: {
            year: form.year,
            holidays: form.holidays.map((h) => ({ name: h.name.trim(), from: h.from, to: h.to })),
            workdays: form.workdays.map((w) => w.date),
          },
        }),
      { fieldPath: fieldOfPath, notice: 'unlessFields', error: { offline: '网络不可用，未保存；填写的内容仍在本页，恢复网络后再点保存' } },
    );
    if (!done) return;
    drafts.current.delete(form.year);
    const year = form.year;
    back();
    list.say('ok', done.changed ? `${year} 年节假日已保存` : '没有改动');
    await load();
  };

  if (denied) return <PermissionDenied message={denied} home="/packages/staff/pages/home/index" what="节假日" />;

  if (form) {
    const fe = save.fieldErrors;
    const y = form.year;
    const labels: Record<string, string> = { holidays: '节假日' };
    form.holidays.forEach((h, i) => {
      labels[`holidays.${i}.name`] = `第 ${i + 1} 个节日名称`;
      labels[`holidays.${i}.from`] = `${h.name || `第 ${i + 1} 个节日`}开始日期`;
      labels[`holidays.${i}.to`] = `${h.name || `第 ${i + 1} 个节日`}结束日期`;
    });
    form.workdays.forEach((_w, i) => {
      labels[`workdays.${i}`] = `第 ${i + 1} 个调休上班日`;
    });
    const setHoliday = (i: number, patch: Partial<HolidayForm['holidays'][number]>) =>
      change({ ...form, holidays: form.holidays.map((h, k) => (k === i ? { ...h, ...patch } : h)) });
    return (
      <View className="page" id="holiday-form">
        <Text className="title">{y} 年节假日</Text>
        <Text className="muted">按国务院办公厅公布的放假安排录入：每个假期的起止日期（含其中的周末），以及调休上班的周末。</Text>
        <FieldSummary errors={fe} labels={labels} title="节假日" />
        {fe.holidays ? <Text className="error">{fe.holidays}</Text> : null}
        <Text className="subtitle">放假</Text>
        {form.holidays.map((h, i) => (
          <View key={h.key} className="card" data-holiday={i}>
            <TextField
              id={`holidays.${i}.name`}
              label="节日名称"
              required
              value={h.name}
              maxlength={20}
              error={fe[`holidays.${i}.name`]}
              onChange={(v) => setHoliday(i, { name: v })}
            />
            <Field id={`holidays.${i}.from`} label="开始日期" required error={fe[`holidays.${i}.from`]}>
              <DateField
                id={`date-holidays-${i}-from`}
                value={h.from}
                start={`${y}-01-01`}
                end={`${y}-12-31`}
                initial={`${y}-01-01`}
                error={fe[`holidays.${i}.from`]}
                onPick={(d) => setHoliday(i, { from: d, to: h.to && h.to >= d ? h.to : d })}
              />
            </Field>
            <Field id={`holidays.${i}.to`} label="结束日期" required error={fe[`holidays.${i}.to`]}>
              <DateField
                id={`date-holidays-${i}-to`}
                value={h.to}
                start={`${y}-01-01`}
                end={`${y}-12-31`}
                initial={h.from || `${y}-01-01`}
                error={fe[`holidays.${i}.to`]}
                onPick={(d) => setHoliday(i, { to: d })}
              />
            </Field>
            <Button
              className="btn-plain"
              id={`holiday-remove-${i}`}
              onClick={() => change({ ...form, holidays: form.holidays.filter((_x, k) => k !== i) })}
            >
              删除此假期
            </Button>
          </View>
        ))}
        <Button
          className="btn-plain"
          id="holiday-add"
          onClick={() => change({ ...form, holidays: [...form.holidays, { key: rowKey(), name: '', from: '', to: '' }] })}
        >
          添加假期
        </Button>
        <Text className="subtitle">调休上班日</Text>
        {form.workdays.length === 0 ? <Text className="muted">没有调休上班日</Text> : null}
        {form.workdays.map((w, i) => (
          <Field key={w.key} id={`workdays.${i}`} label={`调休上班日 ${i + 1}`} error={fe[`workdays.${i}`]}>
            <DateField
              id={`date-workdays-${i}`}
              value={w.date}
              start={`${y}-01-01`}
              end={`${y}-12-31`}
              initial={`${y}-01-01`}
              error={fe[`workdays.${i}`]}
              onPick={(d) => change({ ...form, workdays: form.workdays.map((x, k) => (k === i ? { ...x, date: d } : x)) })}
            />
            <Text
              className="org-go"
              id={`workday-remove-${i}`}
              onClick={() => change({ ...form, workdays: form.workdays.filter((_x, k) => k !== i) })}
            >
              删除
            </Text>
          </Field>
        ))}
        <Button
          className="btn-plain"
          id="workday-add"
          onClick={() => change({ ...form, workdays: [...form.workdays, { key: rowKey(), date: '' }] })}
        >
          添加调休上班日
        </Button>
        <NoticeText notice={save.notice} id="holiday-save-notice" />
        <View className="org-actions">
          <Button className="btn-plain" id="holiday-cancel" onClick={back}>
            返回
          </Button>
          <Button className="btn" id="holiday-save" onClick={() => void submit()}>
            {save.busy ? '正在保存…' : '保存'}
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className="page" id="holidays">
      <Text className="title">节假日</Text>
      <Text className="muted">
        公示期（工作日）和“本季度剩余工作日”按这里的放假安排计算。日历库已收录的年份可直接使用；新一年的安排公布后请在此录入。
      </Text>
      <NoticeText notice={list.notice} id="holidays-notice" />
      {years === null ? <Text className="muted">正在加载…</Text> : null}
      {(years ?? []).map((v) => (
        <View key={v.year} className="card" data-year={v.year}>
          <View className="org-row-main">
            <Text className="org-row-name">{v.year} 年</Text>
            <Text className={`tag ${v.source === 'stored' ? 'tag-green' : v.source === 'library' ? '' : 'tag-amber'}`}>
              {sourceLabel(v)}
            </Text>
          </View>
          {v.warning ? (
            <Text className="warn" data-warning={v.year}>
              {v.warning}
            </Text>
          ) : null}
          {v.schedule
            ? v.schedule.holidays.map((h) => (
                <View key={`${h.name}${h.from}`} className="muted" data-holiday-row={h.from}>
                  {h.name}：{h.from === h.to ? h.from : `${h.from} 至 ${h.to}`}
                </View>
              ))
            : null}
          {v.schedule && v.schedule.workdays.length > 0 ? <View className="muted">调休上班：{v.schedule.workdays.join('、')}</View> : null}
          {v.source === 'stored' && v.updatedAt ? (
            <View className="muted">
              {v.updatedByName ?? ''} 录入 · {new Date(v.updatedAt).toLocaleDateString('zh-CN')}
              {v.library ? '（替换日历库中的该年数据）' : ''}
            </View>
          ) : null}
          <Button className="btn-plain" id={`holiday-edit-${v.year}`} onClick={() => open(v)}>
            {v.source === 'stored' ? '修改' : v.source === 'library' ? '按日历库数据修改' : `录入 ${v.year} 年节假日`}
          </Button>
        </View>
      ))}
    </View>
  );
}

import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { NoticeText } from '../../../components/NoticeText';
import { useAction } from '../../../hooks/useAction';
import { openExportedFile } from '../../../platform/download';
import { awardsClient } from '../../../services/awards';
import '../money/money.css';

/**
 * 年度资金汇总 (issue 14 item 6): the city's (or a county's) funding of one year by programme, unit and
 * spending category — due / paid / spent / refunded, in 元 with two decimals — as an .xlsx workbook.
 */
export default function MoneySummary() {
  const thisYear = new Date().getFullYear();
  const years = [thisYear, thisYear - 1, thisYear - 2];
  const [year, setYear] = useState(thisYear);
  const action = useAction();
  const exportXlsx = () =>
    action.run(
      async () => {
        const out = await awardsClient.exportFundingSummary({ year });
        await openExportedFile(out, 'xlsx');
      },
      { ok: '已导出' },
    );
  return (
    <View className="page" id="money-summary">
      <Text className="title">年度资金汇总</Text>
      <Text className="muted mn-block">按项目、单位和开支类别汇总应拨付、已拨付、已支出和已退回的资金（元，保留两位小数）。</Text>
      <View className="card">
        <Text className="mn-block">年度</Text>
        <View className="mn-chips">
          {years.map((y) => (
            <Text key={y} className={`mn-chip${y === year ? ' on' : ''}`} data-year={y} onClick={() => setYear(y)}>
              {y} 年
            </Text>
          ))}
        </View>
      </View>
      <NoticeText notice={action.notice} />
      <Button className="btn" id="export-funding-summary" disabled={action.busy} onClick={() => void exportXlsx()}>
        {action.busy ? '正在导出…' : `导出 ${year} 年资金汇总（Excel）`}
      </Button>
    </View>
  );
}

export default definePageConfig({ navigationBarTitleText: '年度资金汇总' });

export default definePageConfig({ navigationBarTitleText: '登记退回' });

export default definePageConfig({ navigationBarTitleText: '登记工作' });

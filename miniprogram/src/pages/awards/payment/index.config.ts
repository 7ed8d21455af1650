export default definePageConfig({ navigationBarTitleText: '登记拨付' });

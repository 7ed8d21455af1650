export default definePageConfig({ navigationBarTitleText: '报销支出' });

export default definePageConfig({ navigationBarTitleText: '项目预算' });

export default definePageConfig({ navigationBarTitleText: '提醒与发件箱' });

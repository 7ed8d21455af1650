export default definePageConfig({ navigationBarTitleText: '服务站运行情况' });

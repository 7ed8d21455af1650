export default definePageConfig({ navigationBarTitleText: '服务站考核看板' });

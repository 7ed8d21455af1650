export default definePageConfig({ navigationBarTitleText: '学会服务站' });

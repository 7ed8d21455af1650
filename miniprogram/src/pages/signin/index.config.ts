export default definePageConfig({ navigationBarTitleText: '本地演示登录' });

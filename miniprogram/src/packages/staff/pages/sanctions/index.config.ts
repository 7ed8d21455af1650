export default definePageConfig({ navigationBarTitleText: '处理决定' });

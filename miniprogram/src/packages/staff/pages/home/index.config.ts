export default definePageConfig({ navigationBarTitleText: '科协工作台' });

export default definePageConfig({ navigationBarTitleText: '市财政局' });

export default definePageConfig({ navigationBarTitleText: '检查与验收' });

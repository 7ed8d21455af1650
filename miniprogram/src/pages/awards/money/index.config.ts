export default definePageConfig({ navigationBarTitleText: '资金台账' });

export default definePageConfig({ navigationBarTitleText: '处理建议与决定' });

export default definePageConfig({ navigationBarTitleText: '学会秘书工作台' });

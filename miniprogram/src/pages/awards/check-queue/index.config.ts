export default definePageConfig({ navigationBarTitleText: '检查验收待办' });

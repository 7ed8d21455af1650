export { detailOf, EntityPicker, type EntityPickerProps, type Picked } from './EntityPicker';

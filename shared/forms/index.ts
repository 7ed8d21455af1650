import { installedForm } from '../programmes/registry';
import { pingdingshanFiveStarForm } from './pingdingshan-five-star';
import type { FormDefinition } from './types';
import { weihaiClassAForm, weihaiClassBForm, weihaiPromotionForm } from './weihai-2025';
import { wuhanAwardForm } from './wuhan-award';
import { yiyangAcademicForm, yiyangDemonstrationForm, yiyangSocialServiceForm, yiyangSocietyBuildingForm } from './yiyang-capacity-2018';
import { yiyangStationForm } from './yiyang-station-2023.station';

export * from './check';
export * from './schema';
export * from './to-zod';
export * from './types';

const all: readonly FormDefinition[] = [
  yiyangDemonstrationForm,
  yiyangAcademicForm,
  yiyangSocialServiceForm,
  yiyangSocietyBuildingForm,
  wuhanAwardForm,
  pingdingshanFiveStarForm,
  weihaiClassAForm,
  weihaiClassBForm,
  weihaiPromotionForm,
  yiyangStationForm,
];

/** Every application form, by id (`${programmeId}/${kindId}`). */
export const forms: Readonly<Record<string, FormDefinition>> = Object.freeze(Object.fromEntries(all.map((f) => [f.id, f])));

/** The ids other code depends on; fixed. */
export const formIds = all.map((f) => f.id);

const byId: ReadonlyMap<string, FormDefinition> = new Map(all.map((f) => [f.id, f]));

/** The form with this id, or undefined when there is none (a Map: "toString" is no form). */
export function getForm(id: string): FormDefinition | undefined {
  // a built-in form, else an installed programme's (the version pinned in this call, else the newest)
  return byId.get(id) ?? installedForm(id);
}

export {
  pingdingshanFiveStarForm,
  weihaiClassAForm,
  weihaiClassBForm,
  weihaiPromotionForm,
  wuhanAwardForm,
  yiyangAcademicForm,
  yiyangDemonstrationForm,
  yiyangSocialServiceForm,
  yiyangSocietyBuildingForm,
  yiyangStationForm,
};

import type { FormDefinition } from '@shared/forms/types';
import type { Material } from '@shared/programmes/schema';
import { commentsByStep } from '@shared/rules/form-navigation';
import { Text, View } from '@tarojs/components';
import './form.css';

/**
 * Reviewers' comments of a returned application, grouped by step with each field's (or material's)
 * name (issue 15, finding 3) — the overview on the detail page; the form shows each at its field.
 */
export function CommentsByStep({
  form,
  materials,
  comments,
  onOpenStep,
  id,
}: {
  form: FormDefinition;
  materials: readonly Pick<Material, 'id' | 'label'>[];
  comments: Readonly<Record<string, string>>;
  onOpenStep?: ((stepId: string) => void) | undefined;
  id?: string;
}) {
  const groups = commentsByStep(form, materials, comments);
  if (groups.length === 0) return null;
  return (
    <View id={id}>
      {groups.map((g) => (
        <View key={g.stepId} className="error-group" data-comment-step={g.stepId}>
          <Text className="error-group-title" onClick={() => onOpenStep?.(g.stepId)}>
            {g.title}
          </Text>
          {g.items.map((i) => (
            <View key={i.key} className="field-comment-box" data-comment={i.key}>
              <Text className="field-comment-title">{i.name}</Text>
              <Text className="field-comment-text">{i.text}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

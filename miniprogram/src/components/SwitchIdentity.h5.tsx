import { Button, Text } from '@tarojs/components';
import { switchIdentity } from '../platform/session';
import type * as Contract from './SwitchIdentity';

export const SwitchIdentity: typeof Contract.SwitchIdentity = ({ label, variant }) =>
  variant === 'button' ? (
    <Button className="btn-plain" onClick={switchIdentity}>
      {label}
    </Button>
  ) : (
    <Text className="muted" onClick={switchIdentity}>
      {label}
    </Text>
  );

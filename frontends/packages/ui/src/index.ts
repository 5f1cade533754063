export { Alert, type Tone } from "./Alert.tsx";
export { AVATARS, Avatar } from "./Avatar.tsx";
export {
  Button,
  type ButtonProps,
  type ButtonSize,
  type ButtonVariant,
  buttonClass,
  linkClass,
} from "./Button.tsx";
export { Card, CardTitle } from "./Card.tsx";
export { Coins } from "./Coins.tsx";
export { cx } from "./cx.ts";
export { Dialog } from "./Dialog.tsx";
export { EmptyState } from "./EmptyState.tsx";
export { ErrorBoundary } from "./ErrorBoundary.tsx";
export { Field, Input, Select, Textarea } from "./Field.tsx";
export { LanguageSwitch } from "./LanguageSwitch.tsx";
export { PinPad, type PinPadProps } from "./PinPad.tsx";
export { QueryState } from "./QueryState.tsx";
export { Page, Shell } from "./Shell.tsx";
export { hasShopPicture, ShopPicture, THEMES } from "./ShopPicture.tsx";
export { Loading, Spinner } from "./Spinner.tsx";
export { ToastProvider, useToast } from "./Toast.tsx";

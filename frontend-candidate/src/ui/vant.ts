// The Vant components this app uses, each with its own stylesheet (no full-library CSS). Views import
// Vant only from here; tests/unit/vant-barrel.test.ts checks that every export has its style imported.
import 'vant/es/style/base.css'
import 'vant/es/nav-bar/style/index.mjs'
import 'vant/es/field/style/index.mjs'
import 'vant/es/cell/style/index.mjs'
import 'vant/es/cell-group/style/index.mjs'
import 'vant/es/button/style/index.mjs'
import 'vant/es/popup/style/index.mjs'
import 'vant/es/picker/style/index.mjs'
import 'vant/es/date-picker/style/index.mjs'
import 'vant/es/radio/style/index.mjs'
import 'vant/es/radio-group/style/index.mjs'
import 'vant/es/checkbox/style/index.mjs'
import 'vant/es/checkbox-group/style/index.mjs'
import 'vant/es/collapse/style/index.mjs'
import 'vant/es/collapse-item/style/index.mjs'
import 'vant/es/tag/style/index.mjs'
import 'vant/es/loading/style/index.mjs'
import 'vant/es/switch/style/index.mjs'
import 'vant/es/icon/style/index.mjs'
import 'vant/es/dialog/style/index.mjs'
import 'vant/es/toast/style/index.mjs'
import 'vant/es/search/style/index.mjs'
import 'vant/es/steps/style/index.mjs'
import 'vant/es/step/style/index.mjs'
import 'vant/es/progress/style/index.mjs'

export {
  NavBar,
  Field,
  Cell,
  CellGroup,
  Button,
  Popup,
  Picker,
  DatePicker,
  Radio,
  RadioGroup,
  Checkbox,
  CheckboxGroup,
  Collapse,
  CollapseItem,
  Tag,
  Loading,
  Switch,
  Icon,
  Search,
  Steps,
  Step,
  Progress,
  Dialog,
  showConfirmDialog,
  showSuccessToast,
  showToast,
  Locale,
} from 'vant'
export type { PickerOption, PickerConfirmEventParams } from 'vant'

import { useModal } from './useModal';

import type { AppStrings as Strings } from '../i18n/appStrings';
import { viewWords } from '../i18n/viewWords';
import './dialogs.css';

/** Every key, in a modal dialog (Esc or the button closes it). */
export function KeysHelp({ open, onClose, t }: { open: boolean; onClose: () => void; t: Strings }) {
  const v = viewWords[t.lang];
  const dialog = useModal(open);
  return (
    <dialog ref={dialog} className="keys-help" aria-label={t.keysTitle} onClose={onClose}>
      <h2>{t.keysTitle}</h2>
      <table>
        <tbody>
          {v.keys.map(([key, what]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="primary" onClick={onClose}>
        {t.close}
      </button>
    </dialog>
  );
}

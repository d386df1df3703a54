// The floor every size and start figure is measured against: React rendering one line, nothing else.
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<h1>Hello, world</h1>);

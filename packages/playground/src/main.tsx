import { createRoot } from 'react-dom/client';
import { AcmeApp } from './AcmeApp';
import '@identity-kit/react/styles.css';
import './acme.css';

createRoot(document.getElementById('root') as HTMLElement).render(<AcmeApp />);

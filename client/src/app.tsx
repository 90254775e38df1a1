import { Router } from '@solidjs/router';
import { session } from './features/accounts/session.store';
import { AppRoutes } from './routes';
import { Layout } from './ui/layout';

export function App() {
  void session.load();
  return (
    <Router root={Layout}>
      <AppRoutes />
    </Router>
  );
}

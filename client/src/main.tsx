// Base styles first: component styles that follow may refine them.
import './styles/base.css';
import { render } from 'solid-js/web';
import { App } from './app';

const root = document.getElementById('app');
if (!root) throw new Error('#app is missing from index.html');
render(() => <App />, root);

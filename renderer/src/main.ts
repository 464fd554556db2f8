import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { lab } from './lib/lab-client.svelte.ts';

// Connect before the first render, so a page without its token never shows a terminal.
lab.start();
mount(App, { target: document.getElementById('app')! });

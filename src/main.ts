// Entry point of the page bundle: the composition root registers <tabflow-app>, which does the rest.
import './app/tabflow-app';
import { flushMetricsWhenHidden } from './app/flush-on-hide';

flushMetricsWhenHidden();

import { App } from 'aws-cdk-lib';
import { defineConsultationApp } from './consultation-app.ts';

// `npx cdk synth` builds stage dev (cdk.json); `npx cdk synth -c stage=prod` builds prod.
const app = new App();
defineConsultationApp(app);
app.synth();

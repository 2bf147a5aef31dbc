import { Module } from '@nestjs/common';
import { EnergyController } from './energy.controller.js';
import { EnergyService } from './energy.service.js';

/** Officials and enterprises: indicator endpoints. */
@Module({ controllers: [EnergyController], providers: [EnergyService] })
export class QueryApiModule {}

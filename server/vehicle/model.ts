import type { VehicleView } from '../../typings/pass';

/** The view's fields (the plate normalised, e.g. 陕H12345), with the owner's phone in full. */
export type VehicleDoc = Omit<VehicleView, 'ownerPhoneMasked'> & {
  _id: string; // `${compoundId}:${plate}`
  _v?: number;
  ownerPhone: string;
  buildingId?: string;
  registeredBy: string;
};

declare module '../store/port' {
  interface Collections {
    vehicles: VehicleDoc;
  }
}

export type VehicleDoc = {
  _id: string; // `${compoundId}:${plate}`
  _v?: number;
  compoundId: string;
  /** normalised, e.g. 陕H12345 */
  plate: string;
  ownerName: string;
  ownerPhone: string;
  buildingId?: string;
  household?: string;
  registeredBy: string;
  createdAt: number;
};

declare module '../store/port' {
  interface Collections {
    vehicles: VehicleDoc;
  }
}

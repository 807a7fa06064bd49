/**
 * The ID check a paper pass (离线出入证) needs at the gate: the code verified, the volunteer
 * compares the last 4 characters of the person's ID card with the ones the code carries, shown
 * large and spaced for reading at arm's length. Fires `idcheckconfirm` (已核对放行) or
 * `idcheckmismatch` (不符拒绝); what follows (temperature, the verdict) is the scan page's.
 */
Component({
  properties: {
    /** The ID card's last 4 characters, from the verified code. */
    tail: { type: String, value: '' },
    /** "王*兰 · 3号楼2单元502" */
    who: { type: String, value: '' },
  },

  methods: {
    onConfirm() {
      this.triggerEvent('idcheckconfirm', {});
    },
    onMismatch() {
      this.triggerEvent('idcheckmismatch', {});
    },
  },
});

/**
 * `npx tsx scripts/gate-audio.ts`: makes the gate's verdict clips (miniprogram/volunteer/audio/<cue>.mp3)
 * from the phrases in miniprogram/shared/gate/voice.ts — a short tone (rising for 通过, a low double
 * buzz for a refusal) followed by the phrase in Mandarin. Needs espeak-ng and lame (Debian packages);
 * the clips are committed, so neither CI nor a build needs them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VOICE_PHRASES, type VoiceCue } from '../miniprogram/shared/gate/voice';

const OUT = join(__dirname, '..', 'miniprogram', 'volunteer', 'audio');

/** 16-bit mono PCM samples of a wav written by espeak-ng, and its rate. */
function readWav(file: string): { rate: number; samples: Int16Array } {
  const buf = readFileSync(file);
  const rate = buf.readUInt32LE(24);
  let offset = 12;
  while (offset < buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    if (id === 'data') {
      const data = buf.subarray(offset + 8, offset + 8 + Math.min(size, buf.length - offset - 8));
      return { rate, samples: new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length)) };
    }
    offset += 8 + size;
  }
  throw new Error(`${file}: no data chunk`);
}

function writeWav(file: string, rate: number, samples: Int16Array): void {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length * 2, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length * 2, 40);
  writeFileSync(file, Buffer.concat([header, Buffer.from(samples.buffer)]));
}

/** Tones as [frequency Hz, milliseconds] (0 Hz: silence), with soft edges so nothing clicks. */
function tone(rate: number, parts: Array<[number, number]>): Int16Array {
  const out: number[] = [];
  for (const [hz, ms] of parts) {
    const n = Math.round((rate * ms) / 1000);
    const edge = Math.min(n / 2, rate * 0.008);
    for (let i = 0; i < n; i++) {
      const env = Math.min(1, i / edge, (n - 1 - i) / edge);
      out.push(hz ? Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 12000 * env) : 0);
    }
  }
  return Int16Array.from(out);
}

const ALLOW_TONE: Array<[number, number]> = [
  [880, 90],
  [0, 30],
  [1320, 140],
  [0, 120],
];
const DENY_TONE: Array<[number, number]> = [
  [330, 180],
  [0, 60],
  [330, 180],
  [0, 120],
];

function makeClip(dir: string, cue: VoiceCue, phrase: string): void {
  const speech = join(dir, `${cue}.wav`);
  execFileSync('espeak-ng', ['-v', 'cmn', '-s', '150', '-a', '180', '-w', speech, phrase]);
  const { rate, samples } = readWav(speech);
  const lead = tone(rate, cue === 'allow' ? ALLOW_TONE : DENY_TONE);
  const joined = new Int16Array(lead.length + samples.length);
  joined.set(lead);
  joined.set(samples, lead.length);
  const wav = join(dir, `${cue}-full.wav`);
  writeWav(wav, rate, joined);
  execFileSync('lame', ['--quiet', '-m', 'm', '-b', '32', '--resample', '22.05', wav, join(OUT, `${cue}.mp3`)]);
}

const dir = mkdtempSync(join(tmpdir(), 'gate-audio-'));
try {
  for (const [cue, phrase] of Object.entries(VOICE_PHRASES) as Array<[VoiceCue, string]>) {
    makeClip(dir, cue, phrase);
    console.log(`${cue}.mp3  ${phrase}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

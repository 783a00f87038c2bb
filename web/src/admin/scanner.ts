// Reading a pass's QR code with the phone's camera. The browser's own BarcodeDetector where it
// reads QR codes (Chrome on Android, Safari on macOS); elsewhere jsQR, loaded only now, when
// the camera is opened. jsQR is plain JavaScript: it runs under the app's strict
// Content-Security-Policy, which a WebAssembly decoder or a blob: worker would not.

/** Why the camera could not be used, for the page to say in plain words. */
export type CameraProblem = 'denied' | 'missing' | 'failed';

export class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(problem);
  }
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** Reads one frame; the text of a QR code in it, or null. */
type FrameReader = (video: HTMLVideoElement) => Promise<string | null>;

/** Looks at a few frames a second: enough for a code held up to the camera, easy on the battery. */
const FRAME_INTERVAL_MS = 150;
/** jsQR's work grows with the pixels: a frame is scaled down to this width first. */
const DECODE_WIDTH = 480;

async function nativeReader(): Promise<FrameReader | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
  } catch {
    return null;
  }
  const detector = new Detector({ formats: ['qr_code'] });
  return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
}

async function jsQrReader(): Promise<FrameReader> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  return async (video) => {
    if (!video.videoWidth) return null;
    const scale = Math.min(1, DECODE_WIDTH / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

function cameraProblem(error: unknown): CameraProblem {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  return 'failed';
}

/**
 * Shows the back camera in `video` and calls `onCode` once with the first QR code read, then
 * stops. Stops too when `signal` aborts (the page is left, or the camera is turned off).
 */
export async function scanOnce(
  video: HTMLVideoElement,
  signal: AbortSignal,
  onCode: (text: string) => void,
): Promise<void> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('missing'); // also on plain http
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (error) {
    throw new CameraError(cameraProblem(error));
  }
  const stop = () => {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  if (signal.aborted) return stop();
  signal.addEventListener('abort', stop, { once: true });
  try {
    video.srcObject = stream;
    await video.play();
    const read = (await nativeReader()) ?? (await jsQrReader());
    while (!signal.aborted) {
      const text = await read(video).catch(() => null); // a frame not ready yet
      if (text && !signal.aborted) {
        stop();
        onCode(text);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, FRAME_INTERVAL_MS));
    }
  } catch (error) {
    stop();
    if (signal.aborted) return;
    throw error instanceof CameraError ? error : new CameraError('failed');
  }
}

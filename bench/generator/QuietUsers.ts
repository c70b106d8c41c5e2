import type { Device } from './stories/userSessions';
import type { StoryWorld } from './StoryWorld';

/**
 * Users who log in and refresh without trouble: the ordinary session lines
 * around the stories. They never share a user with a story, and each
 * refresh rotates their current JTI, so nothing about them is an incident.
 */
export class QuietUsers {
  private readonly users: string[] = [];
  private readonly devices = new Map<string, Device>();

  constructor(
    private readonly w: StoryWorld,
    private readonly size: number,
  ) {}

  pick(): string {
    if (
      this.users.length < this.size &&
      (this.users.length === 0 || this.w.prng.chance(0.2))
    ) {
      this.users.push(this.w.newUser());
    }
    return this.w.prng.pick(this.users);
  }

  device(user: string): Device | undefined {
    return this.devices.get(user);
  }

  setDevice(user: string, device: Device): void {
    this.devices.set(user, device);
  }
}

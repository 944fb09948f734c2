import { CardFactory, TurnContext, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ChangeCardCopy, ChangeRequest, ChangeStore } from '../core/changes/change-request';
import type { LandingZoneConfig } from '../core/config/landing-zone.schema';
import type { Logger } from '../core/logger';
import type { ConversationDirectory, KnownConversation } from '../core/ports';
import type { Caller } from '../skills/skill';
import { mayApprove, type ChangeCardViewer } from './cards/change-request.card';
import { renderResult } from './cards/render-result';

/** Most conversation references kept in memory to skip unchanged writes; the cache starts over beyond it. */
const maxRememberedReferences = 10_000;

/** What the change cards need; built once by the composition root. */
export interface ChangeCardsOptions {
  adapter: CloudAdapter;
  /** The bot's app id; empty in local mode. */
  appId: string;
  changes: ChangeStore;
  directory: ConversationDirectory;
  config: LandingZoneConfig;
  simulated: boolean;
  /** The channel every change request is also posted to. */
  changeChannelId?: string;
  logger: Logger;
}

/**
 * Every posted copy of a change request's card: the one where it was asked for, the change channel's,
 * and one in each eligible approver's personal chat with opsbot. Copies are recorded with their
 * conversation references and all updated in place whenever the change moves.
 */
export class ChangeCards {
  private readonly logger: Logger;
  /** Conversation references this instance has written, by key, as written. */
  private readonly remembered = new Map<string, string>();

  constructor(private readonly options: ChangeCardsOptions) {
    this.logger = options.logger.child({ component: 'change-cards' });
  }

  /** Keeps how to reach this conversation (and, in a personal chat, this person) for later posts. */
  async remember(context: TurnContext, now: Date): Promise<void> {
    const activity = context.activity;
    const reference = TurnContext.getConversationReference(activity) as unknown as Record<string, unknown>;
    const type = activity.conversation?.conversationType ?? 'personal';
    const entries: KnownConversation[] = [
      { key: `conversation:${activity.conversation.id}`, conversationType: type, reference },
    ];
    const aadObjectId = activity.from?.aadObjectId;
    if (type === 'personal' && aadObjectId) {
      entries.push({
        key: `personal:${aadObjectId.toLowerCase()}`,
        aadObjectId,
        conversationType: type,
        reference,
      });
    }
    // Every message passes here: a reference this instance has already written unchanged is not written again.
    const serialised = JSON.stringify(reference);
    for (const entry of entries) {
      if (this.remembered.get(entry.key) === serialised) continue;
      await this.options.directory.remember(entry, now);
      if (this.remembered.size >= maxRememberedReferences) this.remembered.clear();
      this.remembered.set(entry.key, serialised);
    }
  }

  /** How the card is drawn for the place it is posted: a personal chat gets its person's view. */
  render(
    change: ChangeRequest,
    viewer: ChangeCardViewer | undefined,
    refreshUserIds: string[],
    notice?: { tone: 'info' | 'warning'; text: string },
  ) {
    return renderResult(
      { view: 'change-request', change, ...(notice ? { notice } : {}) },
      { simulated: this.options.simulated, ...(viewer ? { viewer } : {}), refreshUserIds },
    );
  }

  /**
   * Records the copy just sent in the requester's conversation, then posts copies to the change channel
   * and to the eligible approvers' personal chats.
   */
  async publish(
    context: TurnContext,
    change: ChangeRequest,
    activityId: string,
    requester: Caller,
    announce: boolean,
  ): Promise<void> {
    const activity = context.activity;
    const personal = (activity.conversation?.conversationType ?? 'personal') === 'personal';
    await this.options.changes.addCardCopy({
      changeId: change.id,
      conversationId: activity.conversation.id,
      activityId,
      ...(personal ? { viewerId: requester.aadObjectId } : {}),
      reference: TurnContext.getConversationReference(activity) as unknown as Record<string, unknown>,
    });
    if (!announce) return;
    const refreshUserIds = await this.refreshUserIds(change);
    const targets: { reference: Record<string, unknown>; viewer?: ChangeCardViewer }[] = [];
    if (this.options.changeChannelId && this.options.changeChannelId !== activity.conversation.id) {
      const channel = await this.options.directory.get(`conversation:${this.options.changeChannelId}`);
      if (channel) targets.push({ reference: channel.reference });
      else
        this.logger.warn(
          { changeChannelId: this.options.changeChannelId },
          'opsbot has no reference for the change channel (is it installed there?)',
        );
    }
    for (const approver of this.approvers(change)) {
      if (personal && approver.aadObjectId.toLowerCase() === requester.aadObjectId.toLowerCase()) continue;
      const [chat] = await this.options.directory.personalChats([approver.aadObjectId]);
      if (
        chat &&
        chat.reference.conversation &&
        (chat.reference.conversation as { id?: string }).id !== activity.conversation.id
      ) {
        targets.push({ reference: chat.reference, viewer: approver });
      }
    }
    for (const target of targets) {
      try {
        await this.continueIn(target.reference, async (proactive) => {
          const sent = await proactive.sendActivity({
            type: 'message',
            attachments: [CardFactory.adaptiveCard(this.render(change, target.viewer, refreshUserIds))],
          });
          if (sent?.id) {
            await this.options.changes.addCardCopy({
              changeId: change.id,
              conversationId: proactive.activity.conversation.id,
              activityId: sent.id,
              ...(target.viewer ? { viewerId: target.viewer.aadObjectId } : {}),
              reference: target.reference,
            });
          }
        });
      } catch (error) {
        this.logger.warn({ err: error, changeId: change.id }, 'could not post a copy of the change card');
      }
    }
  }

  /** Updates every recorded copy of the change's card to the change as it is now. */
  async update(change: ChangeRequest): Promise<void> {
    const copies = await this.options.changes.listCardCopies(change.id);
    const refreshUserIds = await this.refreshUserIds(change);
    await Promise.all(copies.map((copy) => this.updateCopy(change, copy, refreshUserIds)));
  }

  /** Teams user ids of the requester and the eligible approvers, as their personal chats know them. */
  async refreshUserIds(change: ChangeRequest): Promise<string[]> {
    const people = [change.requester.aadObjectId, ...this.approvers(change).map((a) => a.aadObjectId)];
    const chats = await this.options.directory.personalChats([...new Set(people)]);
    return chats
      .map((chat) => (chat.reference.user as { id?: string } | undefined)?.id)
      .filter((id): id is string => typeof id === 'string' && id.length > 0);
  }

  /** The roster's people who may approve the change now. */
  approvers(change: ChangeRequest): ChangeCardViewer[] {
    return this.options.config.people
      .map((p) => ({ aadObjectId: p.aadObjectId, roles: [...p.roles] }))
      .filter((person) => mayApprove(change, person));
  }

  private async updateCopy(
    change: ChangeRequest,
    copy: ChangeCardCopy,
    refreshUserIds: string[],
  ): Promise<void> {
    const viewer = copy.viewerId ? this.viewerOf(copy.viewerId) : undefined;
    try {
      await this.continueIn(copy.reference, async (proactive) => {
        await proactive.updateActivity({
          type: 'message',
          id: copy.activityId,
          attachments: [CardFactory.adaptiveCard(this.render(change, viewer, refreshUserIds))],
        });
      });
    } catch (error) {
      this.logger.warn(
        { err: error, changeId: change.id, conversationId: copy.conversationId },
        'could not update a copy of the change card',
      );
    }
  }

  private viewerOf(aadObjectId: string): ChangeCardViewer {
    const person = this.options.config.people.find(
      (p) => p.aadObjectId.toLowerCase() === aadObjectId.toLowerCase(),
    );
    return { aadObjectId, roles: person ? [...person.roles] : ['viewer'] };
  }

  private continueIn(
    reference: Record<string, unknown>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    return this.options.adapter.continueConversationAsync(
      this.options.appId,
      reference as unknown as Partial<ConversationReference>,
      logic,
    );
  }
}

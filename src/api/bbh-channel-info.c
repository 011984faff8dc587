/* bbh-channel-info.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-channel-info"

#include "config.h"

#include "bbh-admin-private.h"
#include "bbh-channel-info-private.h"

struct _BbhChannelInfo
{
  GObject parent_instance;

  GStrv names;
  GStrv values;
};

G_DEFINE_FINAL_TYPE (BbhChannelInfo, bbh_channel_info, G_TYPE_OBJECT)

gpointer
bbh_channel_info_new_from_json (JsonObject *row)
{
  BbhChannelInfo *self = g_object_new (BBH_TYPE_CHANNEL_INFO, NULL);

  bbh_admin_collect_members (row, &self->names, &self->values);
  return self;
}

static void
bbh_channel_info_finalize (GObject *object)
{
  BbhChannelInfo *self = BBH_CHANNEL_INFO (object);

  g_strfreev (self->names);
  g_strfreev (self->values);

  G_OBJECT_CLASS (bbh_channel_info_parent_class)->finalize (object);
}

static void
bbh_channel_info_class_init (BbhChannelInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bbh_channel_info_finalize;
}

static void
bbh_channel_info_init (BbhChannelInfo *self)
{
}

/**
 * bbh_channel_info_get_member_names:
 *
 * Returns: (transfer none) (array zero-terminated=1): the row's member names, in the
 *   server's order; members that were null are left out.
 */
const char * const *
bbh_channel_info_get_member_names (BbhChannelInfo *self)
{
  g_return_val_if_fail (BBH_IS_CHANNEL_INFO (self), NULL);
  return (const char * const *) self->names;
}

/**
 * bbh_channel_info_get_member:
 * @name: a member name, as the server spells it
 *
 * Returns: (nullable): the member's value as text (numbers in decimal, lists and objects
 *   as JSON), or %NULL when the row has no such member.
 */
const char *
bbh_channel_info_get_member (BbhChannelInfo *self,
                             const char     *name)
{
  g_return_val_if_fail (BBH_IS_CHANNEL_INFO (self), NULL);
  return bbh_admin_lookup_member (self->names, self->values, name);
}

/* bbh-customers-private.h — what the customer-side files of src/api share
 *
 * The parse functions turn one object of an answer into a result object. Every result object
 * keeps the JSON object it was read from, so that a member the document does not name (the
 * server sends many, and the labels of custOther1..3 differ per company, see getTableFields)
 * can still be read with the object's _dup_field().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "bbh-client-private.h"
#include "bbh-code.h"
#include "bbh-customer-edit.h"
#include "bbh-customer-query.h"
#include "bbh-customer.h"
#include "bbh-customer-phone.h"
#include "bbh-memo.h"
#include "bbh-sale.h"
#include "bbh-table-field.h"

G_BEGIN_DECLS

/* The plain text fields of a customer, in the order of the document's savecustomer table.
 * BbhCustomer and BbhCustomerEdit both store them as `char *fields[BBH_CUSTOMER_N_TEXT]`. */
typedef enum
{
  BBH_CUSTOMER_TEXT_NAME,       /* custName      联系人 */
  BBH_CUSTOMER_TEXT_CORP_NAME,  /* custCorpName  公司名 */
  BBH_CUSTOMER_TEXT_STATUS,     /* custStatus    客户状态 */
  BBH_CUSTOMER_TEXT_QQ,         /* custQQ        客户 QQ */
  BBH_CUSTOMER_TEXT_ADDRESS,    /* custAddr      客户地址 */
  BBH_CUSTOMER_TEXT_BIRTHDAY,   /* custBirthday  yyyy-mm-dd */
  BBH_CUSTOMER_TEXT_SOURCE,     /* custSource    客户来源 */
  BBH_CUSTOMER_TEXT_AGE,        /* custAge       年龄 */
  BBH_CUSTOMER_TEXT_AREA,       /* custArea      区域 */
  BBH_CUSTOMER_TEXT_SEX,        /* custSex       性别 */
  BBH_CUSTOMER_TEXT_MEMO,       /* custMemo      客户备注 */
  BBH_CUSTOMER_TEXT_TYPE,       /* custType      客户类型 */
  BBH_CUSTOMER_TEXT_OTHER1,     /* custOther1    其它 1 */
  BBH_CUSTOMER_TEXT_OTHER2,     /* custOther2    其它 2 */
  BBH_CUSTOMER_TEXT_OTHER3,     /* custOther3    其它 3 */
  BBH_CUSTOMER_N_TEXT
} BbhCustomerText;

typedef struct
{
  const char *property;   /* GObject property name, the same on BbhCustomer and BbhCustomerEdit */
  const char *member;     /* the document's spelling, on the wire */
} BbhCustomerTextInfo;

extern const BbhCustomerTextInfo bbh_customer_text_info[BBH_CUSTOMER_N_TEXT];

/* Each returns a new object, or NULL when @object is not one (it is then skipped). */
gpointer     bbh_customer_phone_parse   (JsonObject     *object);
gpointer     bbh_sale_parse             (JsonObject     *object);
gpointer     bbh_memo_parse             (JsonObject     *object);
gpointer     bbh_code_parse             (JsonObject     *object);
gpointer     bbh_table_field_parse      (JsonObject     *object);
BbhTableField *bbh_table_field_new_pair (const char     *name,
                                         const char     *label);
gpointer     bbh_customer_parse         (JsonObject     *object);

/* getCustomersPage answers phones apart from their customers; they are joined by custId. */
void         bbh_customer_add_phone     (BbhCustomer    *self,
                                         BbhCustomerPhone *phone);
void         bbh_customer_set_sales     (BbhCustomer    *self,
                                         JsonArray      *array);
void         bbh_customer_set_work_types (BbhCustomer   *self,
                                          JsonArray     *array);

/* Every field of the savecustomer table, in its order; an unset field is sent empty. */
void         bbh_customer_edit_add_params (BbhCustomerEdit *self,
                                           BbhParams       *params);

/* Checks @self (BBH_ERROR_INVALID) and adds what is set. */
gboolean     bbh_customer_query_add_params (const BbhCustomerQuery  *self,
                                            BbhParams               *params,
                                            GError                 **error);

/* The first array among @first_member… that is present (null and missing mean empty). */
JsonArray   *bbh_customers_find_array   (JsonObject     *root,
                                         const char     *first_member,
                                         ...) G_GNUC_NULL_TERMINATED;

/* A list answer: the rows under the first of @members (a NULL-terminated array) present in
 * the answer or in its `data` object, and the total beside them. */
BbhList     *bbh_customers_parse_list   (JsonObject     *root,
                                         GType           item_type,
                                         gpointer      (*parse_item) (JsonObject *object),
                                         const char    **members);
/* A write's answer carries nothing but success. */
gboolean     bbh_customers_finish_write (BbhClient      *self,
                                         GAsyncResult   *result,
                                         gpointer        source_tag,
                                         GError        **error);
/* BBH_ERROR_INVALID naming @what when @value is NULL or empty. */
gboolean     bbh_customers_check_text   (const char     *value,
                                         const char     *what,
                                         GError        **error);
/* BBH_ERROR_INVALID unless @customer_id is a saved customer's (> 0). */
gboolean     bbh_customers_check_customer_id (gint64     customer_id,
                                              GError   **error);

/* "yyyy-mm-dd hh:mm:ss" (local time, seconds optional, or a "T"), a date alone, or Unix
 * seconds or milliseconds as text. NULL for anything else. */
GDateTime   *bbh_customers_parse_time   (const char     *text);

G_END_DECLS

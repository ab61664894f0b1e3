'use strict';
/**
 * Sage 200 resource table, GENERATED from /work/shared/reference/sage200-openapi/*.json
 * (SelectCo/sage200-api-client "Sage 200 v1 Extra" OpenAPI files). Per resource:
 *   module, schema (component name), ops (list|get|create|update|delete|new, from the paths that exist:
 *   /res GET=list POST=create, /res/{Id} GET=get PUT=update DELETE=delete, /res_new POST=new),
 *   createStatus (the 2xx the spec documents for POST), required (schema.required),
 *   professionalOnly / professionalOnlyFields (x-sage-professional-only markers),
 *   nested (parent-scoped paths such as /customers/{customerId}/customer_contacts),
 *   navigations (object/array properties: only returned with $expand), fields (scalar properties).
 * Generated once by a throwaway script reading those files with the mapping above; to add a
 * resource, copy the same shape from its OpenAPI path/schema.
 */
module.exports = {
	"customers": {
		"module": "sales",
		"schema": "customer",
		"ops": [
			"list",
			"get",
			"create",
			"update",
			"delete",
			"new"
		],
		"createStatus": 200,
		"required": [
			"name",
			"reference"
		],
		"professionalOnly": false,
		"professionalOnlyFields": [
			"finance_charge_id",
			"office_type",
			"associated_head_office_id",
			"produce_statements_for_customer",
			"is_head_office_with_branches",
			"use_consolidated_billing",
			"associated_head_office",
			"finance_charge"
		],
		"nested": [],
		"navigations": {
			"associated_head_office": "object",
			"country_code": "object",
			"credit_bureau": "object",
			"credit_memo_note": "object",
			"credit_position": "object",
			"currency": "object",
			"customer_discount_group": "object",
			"default_nominal_code": "object",
			"default_tax_code": "object",
			"finance_charge": "object",
			"main_address": "object",
			"order_value_discount": "object",
			"price_band": "object",
			"sales_credit_note_layout": "object",
			"sales_invoice_layout": "object",
			"statement_layout": "object",
			"status": "object",
			"alerts": "array",
			"cards": "array",
			"contacts": "array",
			"limited_price_bands": "array",
			"memos": "array"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"reference": {
				"type": "string",
				"maxLength": 8
			},
			"name": {
				"type": "string",
				"maxLength": 60
			},
			"short_name": {
				"type": "string",
				"maxLength": 8
			},
			"balance": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"on_hold": {
				"type": "boolean",
				"default": false
			},
			"status_reason": {
				"type": "string",
				"maxLength": 256
			},
			"account_status_type": {
				"type": "string",
				"maxLength": 20,
				"default": "AccountStatusActive"
			},
			"currency_id": {
				"type": "integer",
				"format": "int64"
			},
			"exchange_rate_type": {
				"type": "string",
				"maxLength": 20,
				"default": "ExchangeRateSingle"
			},
			"telephone_country_code": {
				"type": "string",
				"maxLength": 5
			},
			"telephone_area_code": {
				"type": "string",
				"maxLength": 20
			},
			"telephone_subscriber_number": {
				"type": "string",
				"maxLength": 200
			},
			"fax_country_code": {
				"type": "string",
				"maxLength": 5
			},
			"fax_area_code": {
				"type": "string",
				"maxLength": 20
			},
			"fax_subscriber_number": {
				"type": "string",
				"maxLength": 200
			},
			"website": {
				"type": "string",
				"maxLength": 200
			},
			"credit_limit": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"country_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"default_tax_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"vat_number": {
				"type": "string",
				"maxLength": 30
			},
			"duns_code": {
				"type": "string",
				"maxLength": 9
			},
			"account_type": {
				"type": "string",
				"maxLength": 20,
				"default": "TradingAccountTypeOpenItem"
			},
			"early_settlement_discount_percent": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"early_settlement_discount_days": {
				"type": "integer",
				"format": "int16"
			},
			"payment_terms_days": {
				"type": "integer",
				"format": "int16"
			},
			"payment_terms_basis": {
				"type": "string",
				"maxLength": 20
			},
			"average_time_to_pay": {
				"type": "integer",
				"format": "int32",
				"readOnly": true
			},
			"terms_agreed": {
				"type": "boolean"
			},
			"value_of_current_orders_in_sop": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"credit_bureau_id": {
				"type": "integer",
				"format": "int64"
			},
			"credit_position_id": {
				"type": "integer",
				"format": "int64"
			},
			"finance_charge_id": {
				"type": "integer",
				"format": "int64"
			},
			"trading_terms": {
				"type": "string",
				"maxLength": 30
			},
			"credit_reference": {
				"type": "string",
				"maxLength": 60
			},
			"account_opened": {
				"type": "string",
				"format": "date-time"
			},
			"last_credit_review": {
				"type": "string",
				"format": "date-time"
			},
			"next_credit_review": {
				"type": "string",
				"format": "date-time"
			},
			"application_date": {
				"type": "string",
				"format": "date-time"
			},
			"date_received": {
				"type": "string",
				"format": "date-time"
			},
			"date_finance_charge_last_run": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"office_type": {
				"type": "string",
				"maxLength": 20
			},
			"associated_head_office_id": {
				"type": "integer",
				"format": "int64"
			},
			"produce_statements_for_customer": {
				"type": "boolean"
			},
			"is_head_office_with_branches": {
				"type": "boolean"
			},
			"use_consolidated_billing": {
				"type": "boolean"
			},
			"order_priority": {
				"type": "string",
				"maxLength": 1
			},
			"use_tax_code_as_default": {
				"type": "boolean"
			},
			"months_to_keep_transactions": {
				"type": "integer",
				"format": "int16"
			},
			"default_nominal_code_id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"default_nominal_code_reference": {
				"type": "string",
				"maxLength": 8
			},
			"default_nominal_code_cost_centre": {
				"type": "string",
				"maxLength": 3
			},
			"default_nominal_code_department": {
				"type": "string",
				"maxLength": 3
			},
			"invoice_discount_percent": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"invoice_line_discount_percent": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"customer_discount_group_id": {
				"type": "integer",
				"format": "int64"
			},
			"order_value_discount_id": {
				"type": "integer",
				"format": "int64"
			},
			"price_band_id": {
				"type": "integer",
				"format": "int64"
			},
			"analysis_code_1": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_2": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_3": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_4": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_5": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_6": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_7": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_8": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_9": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_10": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_11": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_12": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_13": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_14": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_15": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_16": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_17": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_18": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_19": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_20": {
				"type": "string",
				"maxLength": 60
			},
			"spare_text_1": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_2": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_3": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_4": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_5": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_6": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_7": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_8": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_9": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_10": {
				"type": "string",
				"maxLength": 100
			},
			"spare_number_1": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_2": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_3": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_4": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_5": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_6": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_7": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_8": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_9": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_10": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_date_1": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_2": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_3": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_4": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_5": {
				"type": "string",
				"format": "date-time"
			},
			"spare_bool_1": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_2": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_3": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_4": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_5": {
				"type": "boolean",
				"default": false
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"suppliers": {
		"module": "purchases",
		"schema": "supplier",
		"ops": [
			"list",
			"get",
			"create",
			"update",
			"delete",
			"new"
		],
		"createStatus": 200,
		"required": [
			"name",
			"reference"
		],
		"professionalOnly": false,
		"professionalOnlyFields": [],
		"nested": [],
		"navigations": {
			"bank": "object",
			"country_code": "object",
			"credit_bureau": "object",
			"credit_memo_note": "object",
			"credit_position": "object",
			"currency": "object",
			"default_nominal_code": "object",
			"default_tax_code": "object",
			"factor_house": "object",
			"main_address": "object",
			"payment_group": "object",
			"status": "object",
			"contacts": "array",
			"memos": "array",
			"alerts": "array"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"reference": {
				"type": "string",
				"maxLength": 8
			},
			"name": {
				"type": "string",
				"maxLength": 60
			},
			"short_name": {
				"type": "string",
				"maxLength": 8
			},
			"balance": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"on_hold": {
				"type": "boolean",
				"default": false
			},
			"status_reason": {
				"type": "string",
				"maxLength": 256
			},
			"account_status_type": {
				"type": "string",
				"maxLength": 20,
				"default": "AccountStatusActive"
			},
			"currency_id": {
				"type": "integer",
				"format": "int64"
			},
			"exchange_rate_type": {
				"type": "string",
				"maxLength": 20,
				"default": "ExchangeRateSingle"
			},
			"telephone_country_code": {
				"type": "string",
				"maxLength": 5
			},
			"telephone_area_code": {
				"type": "string",
				"maxLength": 20
			},
			"telephone_subscriber_number": {
				"type": "string",
				"maxLength": 200
			},
			"fax_country_code": {
				"type": "string",
				"maxLength": 5
			},
			"fax_area_code": {
				"type": "string",
				"maxLength": 20
			},
			"fax_subscriber_number": {
				"type": "string",
				"maxLength": 200
			},
			"website": {
				"type": "string",
				"maxLength": 200
			},
			"credit_limit": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"country_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"default_tax_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"vat_number": {
				"type": "string",
				"maxLength": 30
			},
			"account_type": {
				"type": "string",
				"maxLength": 20,
				"default": "TradingAccountTypeOpenItem"
			},
			"early_settlement_discount_percent": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"early_settlement_discount_days": {
				"type": "integer",
				"format": "int16"
			},
			"payment_terms_days": {
				"type": "integer",
				"format": "int16"
			},
			"payment_terms_basis": {
				"type": "string",
				"maxLength": 20
			},
			"payment_group_id": {
				"type": "integer",
				"format": "int64"
			},
			"factor_house_id": {
				"type": "integer",
				"format": "int64"
			},
			"credit_bureau_id": {
				"type": "integer",
				"format": "int64"
			},
			"credit_position_id": {
				"type": "integer",
				"format": "int64"
			},
			"trading_terms": {
				"type": "string",
				"maxLength": 30
			},
			"credit_reference": {
				"type": "string",
				"maxLength": 60
			},
			"account_opened": {
				"type": "string",
				"format": "date-time"
			},
			"last_credit_review": {
				"type": "string",
				"format": "date-time"
			},
			"next_credit_review": {
				"type": "string",
				"format": "date-time"
			},
			"application_date": {
				"type": "string",
				"format": "date-time"
			},
			"date_received": {
				"type": "string",
				"format": "date-time"
			},
			"terms_agreed": {
				"type": "boolean"
			},
			"value_of_current_orders_in_pop": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"order_priority": {
				"type": "string",
				"maxLength": 1
			},
			"months_to_keep_transactions": {
				"type": "integer",
				"format": "int16"
			},
			"default_nominal_code_id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"default_nominal_code_reference": {
				"type": "string",
				"maxLength": 8
			},
			"default_nominal_code_cost_centre": {
				"type": "string",
				"maxLength": 3
			},
			"default_nominal_code_department": {
				"type": "string",
				"maxLength": 3
			},
			"is_supplier_payments_enabled": {
				"type": "boolean",
				"readOnly": true,
				"default": false
			},
			"analysis_code_1": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_2": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_3": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_4": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_5": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_6": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_7": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_8": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_9": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_10": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_11": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_12": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_13": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_14": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_15": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_16": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_17": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_18": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_19": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_20": {
				"type": "string",
				"maxLength": 60
			},
			"spare_text_1": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_2": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_3": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_4": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_5": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_6": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_7": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_8": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_9": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_10": {
				"type": "string",
				"maxLength": 100
			},
			"spare_number_1": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_2": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_3": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_4": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_5": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_6": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_7": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_8": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_9": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_10": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_date_1": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_2": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_3": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_4": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_5": {
				"type": "string",
				"format": "date-time"
			},
			"spare_bool_1": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_2": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_3": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_4": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_5": {
				"type": "boolean",
				"default": false
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"products": {
		"module": "stock",
		"schema": "product",
		"ops": [
			"list",
			"get",
			"create",
			"update",
			"delete"
		],
		"createStatus": 200,
		"required": [
			"code",
			"name",
			"product_group_id"
		],
		"professionalOnly": false,
		"professionalOnlyFields": [
			"label_printing_option_type",
			"traceable_type",
			"sale_from_single_batch",
			"allow_duplicate_numbers",
			"uses_alternative_ref",
			"uses_sell_by_date",
			"uses_use_by_date",
			"shelf_life",
			"shelf_life_type",
			"record_nos_on_goods_received",
			"include_nos_on_count_sheets",
			"auto_generate_option_type",
			"auto_generate_separator_id",
			"auto_generate_prefix",
			"auto_generate_next_number",
			"auto_generate_padding",
			"accrual_nominal_code_id",
			"issue_nominal_code_id",
			"accrual_nominal_code",
			"auto_generate_separator",
			"issue_nominal_code"
		],
		"nested": [
			{
				"parent": "product_groups",
				"fk": "product_group_id",
				"ops": [
					"list"
				]
			}
		],
		"navigations": {
			"accrual_nominal_code": "object",
			"auto_generate_separator": "object",
			"base_unit": "object",
			"bom_settings": "object",
			"country_of_origin": "object",
			"holding": "object",
			"issue_nominal_code": "object",
			"product_group": "object",
			"revenue_nominal_code": "object",
			"status": "object",
			"stock_nominal_code": "object",
			"stock_unit": "object",
			"tax_code": "object",
			"alternative_products": "array",
			"cross_sell_products": "array",
			"memos": "array",
			"search_category_values": "array",
			"suppliers": "array",
			"units": "array",
			"warehouse_holdings": "array"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"code": {
				"type": "string",
				"maxLength": 30
			},
			"name": {
				"type": "string",
				"maxLength": 60
			},
			"description": {
				"type": "string",
				"maxLength": 1000
			},
			"use_description_on_documents": {
				"type": "boolean"
			},
			"barcode": {
				"type": "string",
				"maxLength": 60
			},
			"allow_sales_order": {
				"type": "boolean",
				"default": true
			},
			"free_stock_quantity": {
				"type": "number",
				"format": "decimal 5dp",
				"readOnly": true
			},
			"product_group_id": {
				"type": "integer",
				"format": "int64"
			},
			"tax_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"product_status_type": {
				"type": "string",
				"maxLength": 20
			},
			"fulfilment_method_type": {
				"type": "string",
				"maxLength": 50
			},
			"fulfilment_sequence_type": {
				"type": "string",
				"maxLength": 50
			},
			"inactivation_date": {
				"type": "string",
				"format": "date-time"
			},
			"manufacturer": {
				"type": "string",
				"maxLength": 40
			},
			"part_number": {
				"type": "string",
				"maxLength": 60
			},
			"label_printing_option_type": {
				"type": "string",
				"maxLength": 60
			},
			"traceable_type": {
				"type": "string",
				"maxLength": 50
			},
			"sale_from_single_batch": {
				"type": "boolean"
			},
			"allow_duplicate_numbers": {
				"type": "boolean"
			},
			"uses_alternative_ref": {
				"type": "boolean"
			},
			"uses_sell_by_date": {
				"type": "boolean"
			},
			"uses_use_by_date": {
				"type": "boolean"
			},
			"shelf_life": {
				"type": "integer",
				"format": "int32"
			},
			"shelf_life_type": {
				"type": "string",
				"maxLength": 50
			},
			"record_nos_on_goods_received": {
				"type": "boolean"
			},
			"include_nos_on_count_sheets": {
				"type": "boolean"
			},
			"auto_generate_option_type": {
				"type": "string",
				"maxLength": 50
			},
			"auto_generate_separator_id": {
				"type": "integer",
				"format": "int64"
			},
			"auto_generate_prefix": {
				"type": "string",
				"maxLength": 20
			},
			"auto_generate_next_number": {
				"type": "integer",
				"format": "int64"
			},
			"auto_generate_padding": {
				"type": "integer",
				"format": "int32"
			},
			"stocktake_cycle_period": {
				"type": "integer",
				"format": "int16"
			},
			"standard_cost": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"average_buying_price": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"default_picking_list_comment": {
				"type": "string",
				"maxLength": 160
			},
			"default_despatch_note_comment": {
				"type": "string",
				"maxLength": 160
			},
			"commodity_code": {
				"type": "string",
				"maxLength": 10
			},
			"country_of_origin_id": {
				"type": "integer",
				"format": "int64"
			},
			"weight": {
				"type": "number",
				"format": "decimal 4dp"
			},
			"suppress_mass_on_declaration": {
				"type": "boolean"
			},
			"is_weee_item": {
				"type": "boolean"
			},
			"use_supplementary_units": {
				"type": "boolean"
			},
			"supplementary_unit_conversion_ratio": {
				"type": "number",
				"format": "decimal 9dp"
			},
			"use_reverse_charge_vat_rules": {
				"type": "boolean"
			},
			"landed_costs_type": {
				"type": "string",
				"maxLength": 20
			},
			"landed_costs_percentage": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"landed_costs_per_item": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"bom_item_type": {
				"type": "string",
				"maxLength": 30
			},
			"stock_nominal_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"revenue_nominal_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"accrual_nominal_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"issue_nominal_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"base_unit_id": {
				"type": "integer",
				"format": "int64"
			},
			"stock_unit_id": {
				"type": "integer",
				"format": "int64"
			},
			"has_alternative_products": {
				"type": "boolean",
				"readOnly": true
			},
			"has_cross_sell_products": {
				"type": "boolean",
				"readOnly": true
			},
			"has_preferred_supplier": {
				"type": "boolean",
				"readOnly": true
			},
			"analysis_code_1": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_2": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_3": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_4": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_5": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_6": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_7": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_8": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_9": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_10": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_11": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_12": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_13": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_14": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_15": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_16": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_17": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_18": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_19": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_20": {
				"type": "string",
				"maxLength": 60
			},
			"spare_text_1": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_2": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_3": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_4": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_5": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_6": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_7": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_8": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_9": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_10": {
				"type": "string",
				"maxLength": 100
			},
			"spare_number_1": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_2": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_3": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_4": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_5": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_6": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_7": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_8": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_9": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_10": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_date_1": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_2": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_3": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_4": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_5": {
				"type": "string",
				"format": "date-time"
			},
			"spare_bool_1": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_2": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_3": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_4": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_5": {
				"type": "boolean",
				"default": false
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"product_groups": {
		"module": "stock",
		"schema": "product_group",
		"ops": [
			"list",
			"get"
		],
		"required": [],
		"professionalOnly": false,
		"professionalOnlyFields": [
			"label_printing_option_type",
			"keep_movement_history",
			"can_levels_go_negative",
			"do_items_use_units",
			"selling_quantities_use_multiple_units",
			"selling_prices_use_multiple_units",
			"buying_quantities_use_multiple_units",
			"buying_prices_use_multiple_units",
			"traceable_type",
			"sale_from_single_batch",
			"allow_duplicate_numbers",
			"uses_alternative_ref",
			"uses_sell_by_date",
			"uses_use_by_date",
			"accrual_nominal_code_id",
			"issue_nominal_code_id",
			"accrual_nominal_code",
			"issue_nominal_code"
		],
		"nested": [],
		"navigations": {
			"accrual_nominal_code": "object",
			"issue_nominal_code": "object",
			"revenue_nominal_code": "object",
			"stock_nominal_code": "object",
			"base_unit": "object",
			"stock_unit": "object",
			"search_categories": "array",
			"units": "array",
			"bom_settings": "object"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"code": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"description": {
				"type": "string",
				"readOnly": true,
				"maxLength": 50
			},
			"product_type": {
				"type": "string",
				"readOnly": true,
				"maxLength": 50
			},
			"costing_method": {
				"type": "string",
				"readOnly": true,
				"maxLength": 50
			},
			"stocktake_cycle_period": {
				"type": "integer",
				"format": "int16"
			},
			"label_printing_option_type": {
				"type": "string",
				"maxLength": 60
			},
			"keep_movement_history": {
				"type": "boolean"
			},
			"can_levels_go_negative": {
				"type": "boolean",
				"readOnly": true
			},
			"can_over_allocate_negative_stock": {
				"type": "boolean"
			},
			"use_description_on_documents": {
				"type": "boolean"
			},
			"use_reverse_charge_vat_rules": {
				"type": "boolean"
			},
			"do_items_use_units": {
				"type": "boolean",
				"readOnly": true
			},
			"this_is_the_sop_product_group": {
				"type": "boolean",
				"readOnly": true
			},
			"selling_quantities_use_multiple_units": {
				"type": "boolean",
				"readOnly": true
			},
			"selling_prices_use_multiple_units": {
				"type": "boolean",
				"readOnly": true
			},
			"buying_quantities_use_multiple_units": {
				"type": "boolean",
				"readOnly": true
			},
			"buying_prices_use_multiple_units": {
				"type": "boolean",
				"readOnly": true
			},
			"do_items_use_markup": {
				"type": "boolean"
			},
			"use_landed_costs": {
				"type": "boolean"
			},
			"landed_costs_type": {
				"type": "string",
				"maxLength": 20
			},
			"landed_costs_percentage": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"landed_costs_per_item": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"traceable_type": {
				"type": "string",
				"maxLength": 50
			},
			"sale_from_single_batch": {
				"type": "boolean"
			},
			"allow_duplicate_numbers": {
				"type": "boolean"
			},
			"uses_alternative_ref": {
				"type": "boolean"
			},
			"uses_sell_by_date": {
				"type": "boolean"
			},
			"uses_use_by_date": {
				"type": "boolean"
			},
			"stock_nominal_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"revenue_nominal_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"accrual_nominal_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"issue_nominal_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"base_unit_id": {
				"type": "integer",
				"format": "int64"
			},
			"stock_unit_id": {
				"type": "integer",
				"format": "int64"
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"warehouses": {
		"module": "stock",
		"schema": "warehouse",
		"ops": [
			"list",
			"get",
			"create",
			"update",
			"delete"
		],
		"createStatus": 200,
		"required": [
			"name"
		],
		"professionalOnly": false,
		"professionalOnlyFields": [
			"use_for_sales_trading"
		],
		"nested": [],
		"navigations": {
			"country_code": "object",
			"bom_settings": "object"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"name": {
				"type": "string",
				"maxLength": 20
			},
			"description": {
				"type": "string",
				"maxLength": 50
			},
			"warehouse_type": {
				"type": "string",
				"maxLength": 50
			},
			"use_for_sales_trading": {
				"type": "boolean",
				"default": true
			},
			"postal_name": {
				"type": "string",
				"maxLength": 60
			},
			"address_1": {
				"type": "string",
				"maxLength": 60
			},
			"address_2": {
				"type": "string",
				"maxLength": 60
			},
			"address_3": {
				"type": "string",
				"maxLength": 60
			},
			"address_4": {
				"type": "string",
				"maxLength": 60
			},
			"city": {
				"type": "string",
				"maxLength": 60
			},
			"county": {
				"type": "string",
				"maxLength": 60
			},
			"postcode": {
				"type": "string",
				"maxLength": 10
			},
			"country": {
				"type": "string",
				"maxLength": 60
			},
			"contact": {
				"type": "string",
				"maxLength": 50
			},
			"telephone_number": {
				"type": "string",
				"maxLength": 30
			},
			"fax_number": {
				"type": "string",
				"maxLength": 30
			},
			"email": {
				"type": "string",
				"maxLength": 255
			},
			"website": {
				"type": "string",
				"maxLength": 200
			},
			"spare_text_1": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_2": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_3": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_4": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_5": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_6": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_7": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_8": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_9": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_10": {
				"type": "string",
				"maxLength": 100
			},
			"spare_number_1": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_2": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_3": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_4": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_5": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_6": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_7": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_8": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_9": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_10": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_date_1": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_2": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_3": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_4": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_5": {
				"type": "string",
				"format": "date-time"
			},
			"spare_bool_1": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_2": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_3": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_4": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_5": {
				"type": "boolean",
				"default": false
			},
			"country_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"sop_orders": {
		"module": "sop",
		"schema": "sop_order",
		"ops": [
			"list",
			"get",
			"create",
			"update",
			"delete",
			"new"
		],
		"createStatus": 200,
		"required": [
			"customer_id",
			"document_no"
		],
		"professionalOnly": false,
		"professionalOnlyFields": [],
		"nested": [
			{
				"parent": "customers",
				"fk": "customer_id",
				"ops": [
					"list"
				]
			}
		],
		"navigations": {
			"cash_account_invoice_address": "object",
			"currency": "object",
			"customer": "object",
			"delivery_address": "object",
			"payment_method": "object",
			"payment_status": "object",
			"profitability": "object",
			"lines": "array",
			"memos": "array"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"customer_id": {
				"type": "integer",
				"format": "int64"
			},
			"is_draft": {
				"type": "boolean",
				"readOnly": true
			},
			"is_editing": {
				"type": "boolean"
			},
			"is_to_sequence_lines": {
				"type": "boolean"
			},
			"override_on_hold": {
				"type": "boolean"
			},
			"recalculate_prices": {
				"type": "boolean"
			},
			"apply_available_document_discount_percent": {
				"type": "boolean"
			},
			"lock_id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"customer_delivery_address_id": {
				"type": "integer",
				"format": "int64"
			},
			"suppress_warnings": {
				"type": "boolean"
			},
			"document_no": {
				"type": "string",
				"maxLength": 20
			},
			"customer_type": {
				"type": "string",
				"maxLength": 50
			},
			"document_date": {
				"type": "string",
				"format": "date-time"
			},
			"document_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"despatch_receipt_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"invoice_credit_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"cancelled_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"currency_id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"exchange_rate": {
				"type": "number",
				"format": "decimal 6dp"
			},
			"subtotal_goods_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"subtotal_charge_net_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"subtotal_charge_tax_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"subtotal_discount_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"total_net_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"total_tax_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"total_gross_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"customer_document_no": {
				"type": "string",
				"maxLength": 30
			},
			"is_credit_limit_exceeded": {
				"type": "boolean",
				"readOnly": true
			},
			"use_invoice_address": {
				"type": "boolean"
			},
			"is_triangulated": {
				"type": "boolean"
			},
			"settlement_discount_days": {
				"type": "integer",
				"format": "int16"
			},
			"settlement_discount_percent": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"document_discount_percent": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"available_document_discount_percent": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"document_created_by": {
				"type": "string",
				"maxLength": 30
			},
			"requested_delivery_date": {
				"type": "string",
				"format": "date-time"
			},
			"promised_delivery_date": {
				"type": "string",
				"format": "date-time"
			},
			"quotation_expiry_date": {
				"type": "string",
				"format": "date-time"
			},
			"order_priority": {
				"type": "string",
				"maxLength": 1
			},
			"external_reference": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"payment_with_order": {
				"type": "boolean"
			},
			"payment_type": {
				"type": "string",
				"maxLength": 20,
				"default": "EnumSOPOrderPaymentTypeFull"
			},
			"invoice_payment_with_order_immediately": {
				"type": "boolean"
			},
			"payment_value": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"payment_reference": {
				"type": "string",
				"maxLength": 20
			},
			"payment_method_id": {
				"type": "integer",
				"format": "int64"
			},
			"payment_declared": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"payment_undeclared": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"declared_payment_remaining": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"analysis_code_1": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_2": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_3": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_4": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_5": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_6": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_7": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_8": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_9": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_10": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_11": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_12": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_13": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_14": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_15": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_16": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_17": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_18": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_19": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_20": {
				"type": "string",
				"maxLength": 60
			},
			"spare_text_1": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_2": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_3": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_4": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_5": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_6": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_7": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_8": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_9": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_10": {
				"type": "string",
				"maxLength": 100
			},
			"spare_number_1": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_2": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_3": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_4": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_5": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_6": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_7": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_8": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_9": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_10": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_date_1": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_2": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_3": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_4": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_5": {
				"type": "string",
				"format": "date-time"
			},
			"spare_bool_1": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_2": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_3": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_4": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_5": {
				"type": "boolean",
				"default": false
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"sop_quotes": {
		"module": "sop",
		"schema": "sop_quote",
		"ops": [
			"list",
			"get",
			"create",
			"update",
			"delete",
			"new"
		],
		"createStatus": 200,
		"required": [
			"customer_id",
			"customer_type",
			"document_no"
		],
		"professionalOnly": false,
		"professionalOnlyFields": [],
		"nested": [],
		"navigations": {
			"cash_account_invoice_address": "object",
			"currency": "object",
			"customer": "object",
			"delivery_address": "object",
			"document_links": "array",
			"profitability": "object",
			"lines": "array",
			"memos": "array"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"customer_id": {
				"type": "integer",
				"format": "int64"
			},
			"customer_type": {
				"type": "string",
				"maxLength": 50
			},
			"is_draft": {
				"type": "boolean",
				"readOnly": true
			},
			"is_editing": {
				"type": "boolean"
			},
			"is_to_sequence_lines": {
				"type": "boolean"
			},
			"recalculate_prices": {
				"type": "boolean"
			},
			"apply_available_document_discount_percent": {
				"type": "boolean"
			},
			"lock_id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"customer_delivery_address_id": {
				"type": "integer",
				"format": "int64"
			},
			"document_no": {
				"type": "string",
				"maxLength": 20
			},
			"document_date": {
				"type": "string",
				"format": "date-time"
			},
			"document_status": {
				"type": "string",
				"maxLength": 20
			},
			"despatch_receipt_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"invoice_credit_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"cancelled_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"currency_id": {
				"type": "integer",
				"format": "int64"
			},
			"exchange_rate": {
				"type": "number",
				"format": "decimal 6dp"
			},
			"subtotal_goods_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"subtotal_charge_net_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"subtotal_charge_tax_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"subtotal_discount_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"total_net_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"total_tax_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"total_gross_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"customer_document_no": {
				"type": "string",
				"maxLength": 30
			},
			"use_invoice_address": {
				"type": "boolean"
			},
			"is_triangulated": {
				"type": "boolean"
			},
			"settlement_discount_days": {
				"type": "integer",
				"format": "int16"
			},
			"settlement_discount_percent": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"document_discount_percent": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"available_document_discount_percent": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"document_created_by": {
				"type": "string",
				"maxLength": 30
			},
			"requested_delivery_date": {
				"type": "string",
				"format": "date-time"
			},
			"promised_delivery_date": {
				"type": "string",
				"format": "date-time"
			},
			"quotation_expiry_date": {
				"type": "string",
				"format": "date-time"
			},
			"order_priority": {
				"type": "string",
				"maxLength": 1
			},
			"external_reference": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"analysis_code_1": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_2": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_3": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_4": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_5": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_6": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_7": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_8": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_9": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_10": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_11": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_12": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_13": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_14": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_15": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_16": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_17": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_18": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_19": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_20": {
				"type": "string",
				"maxLength": 60
			},
			"spare_text_1": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_2": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_3": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_4": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_5": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_6": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_7": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_8": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_9": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_10": {
				"type": "string",
				"maxLength": 100
			},
			"spare_number_1": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_2": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_3": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_4": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_5": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_6": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_7": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_8": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_9": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_10": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_date_1": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_2": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_3": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_4": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_5": {
				"type": "string",
				"format": "date-time"
			},
			"spare_bool_1": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_2": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_3": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_4": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_5": {
				"type": "boolean",
				"default": false
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"pop_orders": {
		"module": "pop",
		"schema": "pop_order",
		"ops": [
			"list",
			"get",
			"create",
			"update",
			"delete",
			"new"
		],
		"createStatus": 200,
		"required": [
			"supplier_id"
		],
		"professionalOnly": false,
		"professionalOnlyFields": [],
		"nested": [
			{
				"parent": "suppliers",
				"fk": "supplier_id",
				"ops": [
					"list"
				]
			}
		],
		"navigations": {
			"default_direct_delivery_address": "object",
			"delivery_address": "object",
			"supplier": "object",
			"lines": "array",
			"memos": "array"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"is_draft": {
				"type": "boolean",
				"readOnly": true
			},
			"lock_id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"is_editing": {
				"type": "boolean"
			},
			"is_credit_limit_exceeded": {
				"type": "boolean",
				"readOnly": true
			},
			"is_to_sequence_lines": {
				"type": "boolean"
			},
			"document_no": {
				"type": "string",
				"maxLength": 20
			},
			"document_date": {
				"type": "string",
				"format": "date-time"
			},
			"document_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"receipt_return_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"invoice_credit_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"cancelled_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"disputed_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"print_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"authorisation_status": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"authorisation_status_description": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20
			},
			"supplier_id": {
				"type": "integer",
				"format": "int64"
			},
			"exchange_rate": {
				"type": "number",
				"format": "decimal 6dp"
			},
			"subtotal_goods_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"subtotal_charges_net_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"subtotal_discount_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"subtotal_landed_costs_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"total_net_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"total_tax_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"total_gross_value": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"supplier_document_no": {
				"type": "string",
				"maxLength": 30
			},
			"settlement_discount_days": {
				"type": "integer",
				"format": "int16"
			},
			"settlement_discount_percent": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"document_discount_percent": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"document_originator_id": {
				"type": "number",
				"format": "int64"
			},
			"document_originator_name": {
				"type": "string",
				"readOnly": true,
				"maxLength": 30
			},
			"document_created_by_id": {
				"type": "number",
				"format": "int64",
				"readOnly": true
			},
			"document_created_by": {
				"type": "string",
				"readOnly": true,
				"maxLength": 30
			},
			"requested_delivery_date": {
				"type": "string",
				"format": "date-time"
			},
			"analysis_code_1": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_2": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_3": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_4": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_5": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_6": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_7": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_8": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_9": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_10": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_11": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_12": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_13": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_14": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_15": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_16": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_17": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_18": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_19": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_20": {
				"type": "string",
				"maxLength": 60
			},
			"spare_text_1": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_2": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_3": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_4": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_5": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_6": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_7": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_8": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_9": {
				"type": "string",
				"maxLength": 100
			},
			"spare_text_10": {
				"type": "string",
				"maxLength": 100
			},
			"spare_number_1": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_2": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_3": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_4": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_5": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_6": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_7": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_8": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_9": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_number_10": {
				"type": "number",
				"format": "decimal 5dp"
			},
			"spare_date_1": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_2": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_3": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_4": {
				"type": "string",
				"format": "date-time"
			},
			"spare_date_5": {
				"type": "string",
				"format": "date-time"
			},
			"spare_bool_1": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_2": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_3": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_4": {
				"type": "boolean",
				"default": false
			},
			"spare_bool_5": {
				"type": "boolean",
				"default": false
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"customer_contacts": {
		"module": "sales",
		"schema": "customer_contact",
		"ops": [
			"list",
			"get",
			"update",
			"delete"
		],
		"required": [],
		"professionalOnly": false,
		"professionalOnlyFields": [],
		"nested": [
			{
				"parent": "customers",
				"fk": "customer_id",
				"ops": [
					"list",
					"create",
					"get",
					"update",
					"delete"
				]
			}
		],
		"navigations": {
			"salutation": "object",
			"emails": "array",
			"telephones": "array",
			"mobiles": "array",
			"faxes": "array",
			"websites": "array",
			"roles": "array"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"customer_id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"salutation_id": {
				"type": "integer",
				"format": "int64"
			},
			"name": {
				"type": "string",
				"readOnly": true,
				"maxLength": 180
			},
			"first_name": {
				"type": "string",
				"maxLength": 60
			},
			"middle_name": {
				"type": "string",
				"maxLength": 60
			},
			"last_name": {
				"type": "string",
				"maxLength": 60
			},
			"default_telephone": {
				"type": "string",
				"readOnly": true,
				"maxLength": 227
			},
			"default_email": {
				"type": "string",
				"readOnly": true,
				"maxLength": 227
			},
			"is_default": {
				"type": "boolean",
				"readOnly": true
			},
			"is_to_delete": {
				"type": "boolean"
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"supplier_contacts": {
		"module": "purchases",
		"schema": "supplier_contact",
		"ops": [
			"list",
			"get",
			"update",
			"delete"
		],
		"required": [],
		"professionalOnly": false,
		"professionalOnlyFields": [],
		"nested": [
			{
				"parent": "suppliers",
				"fk": "supplier_id",
				"ops": [
					"list",
					"create",
					"get",
					"update",
					"delete"
				]
			}
		],
		"navigations": {
			"salutation": "object",
			"emails": "array",
			"telephones": "array",
			"mobiles": "array",
			"faxes": "array",
			"websites": "array",
			"roles": "array"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"supplier_id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"salutation_id": {
				"type": "integer",
				"format": "int64"
			},
			"name": {
				"type": "string",
				"readOnly": true,
				"maxLength": 180
			},
			"first_name": {
				"type": "string",
				"maxLength": 60
			},
			"middle_name": {
				"type": "string",
				"maxLength": 60
			},
			"last_name": {
				"type": "string",
				"maxLength": 60
			},
			"default_telephone": {
				"type": "string",
				"readOnly": true,
				"maxLength": 227
			},
			"default_email": {
				"type": "string",
				"readOnly": true,
				"maxLength": 227
			},
			"is_default": {
				"type": "boolean",
				"readOnly": true
			},
			"is_to_delete": {
				"type": "boolean"
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"customer_delivery_addresses": {
		"module": "sales",
		"schema": "customer_delivery_address",
		"ops": [
			"list",
			"get",
			"create",
			"update",
			"delete"
		],
		"createStatus": 200,
		"required": [
			"customer_id",
			"description",
			"tax_code_id"
		],
		"professionalOnly": false,
		"professionalOnlyFields": [],
		"nested": [],
		"navigations": {
			"customer": "object",
			"address_country_code": "object",
			"tax_code": "object",
			"country_code": "object"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"customer_id": {
				"type": "integer",
				"format": "int64"
			},
			"is_default": {
				"type": "boolean"
			},
			"description": {
				"type": "string",
				"maxLength": 255
			},
			"postal_name": {
				"type": "string",
				"maxLength": 60
			},
			"address_1": {
				"type": "string",
				"maxLength": 60
			},
			"address_2": {
				"type": "string",
				"maxLength": 60
			},
			"address_3": {
				"type": "string",
				"maxLength": 60
			},
			"address_4": {
				"type": "string",
				"maxLength": 60
			},
			"city": {
				"type": "string",
				"maxLength": 60
			},
			"county": {
				"type": "string",
				"maxLength": 60
			},
			"postcode": {
				"type": "string",
				"maxLength": 10
			},
			"country": {
				"type": "string",
				"readOnly": true,
				"maxLength": 60
			},
			"address_country_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"contact": {
				"type": "string",
				"maxLength": 235
			},
			"telephone": {
				"type": "string",
				"maxLength": 60
			},
			"fax": {
				"type": "string",
				"maxLength": 30
			},
			"email": {
				"type": "string",
				"maxLength": 255
			},
			"tax_number": {
				"type": "string",
				"maxLength": 30
			},
			"tax_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"country_code_id": {
				"type": "integer",
				"format": "int64"
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"nominal_codes": {
		"module": "nominal",
		"schema": "nominal_code",
		"ops": [
			"list",
			"get",
			"create",
			"update",
			"delete",
			"new"
		],
		"createStatus": 200,
		"required": [
			"reference",
			"report_category_id"
		],
		"professionalOnly": false,
		"professionalOnlyFields": [
			"nominal_account_type",
			"report_category_id"
		],
		"nested": [],
		"navigations": {
			"consolidated_nominal_code": "object",
			"cost_centre": "object",
			"department": "object",
			"report_category": "object",
			"sofa_category": "object",
			"financial_years": "array",
			"memos": "array"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"name": {
				"type": "string",
				"maxLength": 60
			},
			"reference": {
				"type": "string",
				"maxLength": 8
			},
			"cost_centre_id": {
				"type": "integer",
				"format": "int64"
			},
			"cost_centre_code": {
				"type": "string",
				"readOnly": true,
				"maxLength": 3
			},
			"department_id": {
				"type": "integer",
				"format": "int64"
			},
			"department_code": {
				"type": "string",
				"readOnly": true,
				"maxLength": 3
			},
			"nominal_account_type": {
				"type": "string",
				"maxLength": 20
			},
			"account_status_type": {
				"type": "string",
				"maxLength": 20,
				"default": "AccountStatusActive"
			},
			"report_category_id": {
				"type": "integer",
				"format": "int64"
			},
			"sofa_category_id": {
				"type": "integer",
				"format": "int64"
			},
			"display_balances_in_selection_list": {
				"type": "boolean"
			},
			"balance_year_to_date": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"debit_balance_year_to_date": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"credit_balance_year_to_date": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"brought_forward_balance": {
				"type": "number",
				"format": "decimal 2dp",
				"readOnly": true
			},
			"allow_manual_journal_entries": {
				"type": "boolean"
			},
			"use_batch_postings": {
				"type": "boolean"
			},
			"periods_to_keep_transactions": {
				"type": "integer",
				"format": "int32"
			},
			"consolidated_nominal_code_id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"consolidated_nominal_account_number": {
				"type": "string",
				"maxLength": 8
			},
			"consolidated_nominal_cost_centre": {
				"type": "string",
				"maxLength": 3
			},
			"consolidated_nominal_department": {
				"type": "string",
				"maxLength": 3
			},
			"analysis_code_1": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_2": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_3": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_4": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_5": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_6": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_7": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_8": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_9": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_10": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_11": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_12": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_13": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_14": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_15": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_16": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_17": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_18": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_19": {
				"type": "string",
				"maxLength": 60
			},
			"analysis_code_20": {
				"type": "string",
				"maxLength": 60
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"departments": {
		"module": "nominal",
		"schema": "department",
		"ops": [
			"list",
			"get",
			"create",
			"update",
			"delete"
		],
		"createStatus": 200,
		"required": [
			"code"
		],
		"professionalOnly": false,
		"professionalOnlyFields": [],
		"nested": [],
		"navigations": {
			"status": "object"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"code": {
				"type": "string",
				"readOnly": true,
				"maxLength": 3
			},
			"name": {
				"type": "string",
				"maxLength": 60
			},
			"contact_name": {
				"type": "string",
				"maxLength": 200
			},
			"contact_details": {
				"type": "string",
				"maxLength": 235
			},
			"contact_email_address": {
				"type": "string",
				"maxLength": 200
			},
			"is_to_delete": {
				"type": "boolean"
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"cost_centres": {
		"module": "nominal",
		"schema": "cost_centre",
		"ops": [
			"list",
			"get",
			"create",
			"update",
			"delete"
		],
		"createStatus": 200,
		"required": [
			"code"
		],
		"professionalOnly": false,
		"professionalOnlyFields": [],
		"nested": [],
		"navigations": {},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"code": {
				"type": "string",
				"readOnly": true,
				"maxLength": 3
			},
			"name": {
				"type": "string",
				"maxLength": 60
			},
			"contact_name": {
				"type": "string",
				"maxLength": 200
			},
			"contact_details": {
				"type": "string",
				"maxLength": 235
			},
			"contact_email_address": {
				"type": "string",
				"maxLength": 200
			},
			"is_to_delete": {
				"type": "boolean"
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"currencies": {
		"module": "financials",
		"schema": "currency",
		"ops": [
			"list",
			"get"
		],
		"required": [
			"name",
			"symbol"
		],
		"professionalOnly": false,
		"professionalOnlyFields": [],
		"nested": [],
		"navigations": {
			"currency_iso_code": "object"
		},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"symbol": {
				"type": "string",
				"readOnly": true,
				"maxLength": 4
			},
			"name": {
				"type": "string",
				"readOnly": true,
				"maxLength": 30
			},
			"core_currency_rate": {
				"type": "number",
				"format": "decimal 6dp",
				"readOnly": true
			},
			"euro_currency_rate": {
				"type": "number",
				"format": "decimal 6dp",
				"readOnly": true
			},
			"is_base_currency": {
				"type": "boolean",
				"readOnly": true
			},
			"is_euro_currency": {
				"type": "boolean",
				"readOnly": true
			},
			"use_for_new_accounts": {
				"type": "boolean",
				"readOnly": true
			},
			"exchange_rate_type": {
				"type": "string",
				"readOnly": true,
				"maxLength": 20,
				"default": "ExchangeRateSingle"
			},
			"exchange_rate_amendability_type": {
				"type": "string",
				"readOnly": true,
				"maxLength": 50
			},
			"currency_iso_code_id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	},
	"tax_codes": {
		"module": "financials",
		"schema": "tax_code",
		"ops": [
			"list",
			"get"
		],
		"required": [
			"code",
			"name"
		],
		"professionalOnly": false,
		"professionalOnlyFields": [],
		"nested": [],
		"navigations": {},
		"fields": {
			"id": {
				"type": "integer",
				"format": "int64",
				"readOnly": true
			},
			"code": {
				"type": "integer",
				"format": "int16"
			},
			"name": {
				"type": "string",
				"maxLength": 60
			},
			"tax_rate": {
				"type": "number",
				"format": "decimal 2dp"
			},
			"terms": {
				"type": "string",
				"readOnly": true,
				"maxLength": 54
			},
			"terms_description": {
				"type": "string",
				"readOnly": true,
				"maxLength": 60
			},
			"is_notional_acquisition_tax": {
				"type": "boolean",
				"readOnly": true
			},
			"date_time_created": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			},
			"date_time_updated": {
				"type": "string",
				"format": "date-time",
				"readOnly": true
			}
		}
	}
};
